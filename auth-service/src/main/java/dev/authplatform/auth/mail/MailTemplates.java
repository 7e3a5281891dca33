package dev.authplatform.auth.mail;

import jakarta.inject.Singleton;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Each message from two Thymeleaf templates under {@code mail/}: {@code <kind>.txt} (text mode) and
 * {@code <kind>.html} (HTML mode, every value escaped). The first line of the text template is the subject.
 */
@Singleton
public class MailTemplates {

    private final TemplateEngine engine = new TemplateEngine();

    MailTemplates() {
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 1));
        engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 2));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of("*" + suffix));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setOrder(order);
        resolver.setCheckExistence(true);
        return resolver;
    }

    /** The message of this kind to this address, with these values. */
    public OutgoingMail render(String kind, String to, Map<String, Object> values) {
        Context context = new Context(Locale.ENGLISH, values);
        String text = engine.process(kind + ".txt", context);
        String html = engine.process(kind + ".html", context);
        int endOfSubject = text.indexOf('\n');
        // Subject: a line of the template; values in it are stripped of line breaks all the same
        String subject = text.substring(0, endOfSubject).replaceAll("[\\r\\n]", " ").strip();
        return new OutgoingMail(kind, to, subject, text.substring(endOfSubject + 1).strip() + "\n", html);
    }
}
