package dev.authplatform.example;

import dev.authplatform.spring.AuthPlatformSecurity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The Spring example: answers like resource-service, trusting the platform's tokens through the starter. */
@SpringBootApplication
public class ExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }

    /** Public info and health for anyone; everything else needs a valid, unrevoked token. */
    @Bean
    SecurityFilterChain api(HttpSecurity http, AuthPlatformSecurity platform) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/api/public/**", "/health").permitAll()
                .requestMatchers("/api/admin/**").hasRole("admin")
                .anyRequest().authenticated());
        return platform.applyTo(http).build();
    }
}
