package dev.authplatform.common.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real PostgreSQL and Redis the tests run against, chosen once per JVM:
 * <ul>
 *   <li>where a Docker engine answers, Testcontainers starts {@code postgres:17} and {@code redis:7};</li>
 *   <li>where none does (this project's CI), the local servers at 127.0.0.1:5432 (user postgres, trust auth) and
 *       127.0.0.1:6379 are used;</li>
 *   <li>where those do not answer either, a PostgreSQL and a Redis of local-servers (real servers from Maven
 *       artifacts, as {@code run-local.sh} starts them) on free ports, once per JVM, gone with it.</li>
 * </ul>
 * {@code PLATFORM_TEST_INFRA=local|docker|embedded} forces the choice. Either way every test context gets a database of its
 * own ({@link #newDatabase()}) and a Redis namespace of its own ({@link #newNamespace()}), so runs and test classes
 * cannot see each other's data.
 */
public final class TestInfrastructure {

    private static volatile TestInfrastructure instance;

    private final String adminJdbcUrl;
    private final String username;
    private final String password;
    private final String redisUri;
    private final String mode;
    private final List<String> created = new CopyOnWriteArrayList<>();
    /** Null unless the servers are this JVM's own. */
    private final EmbeddedServers embedded;

    private TestInfrastructure(String adminJdbcUrl, String username, String password, String redisUri, String mode,
                               EmbeddedServers embedded) {
        this.adminJdbcUrl = adminJdbcUrl;
        this.username = username;
        this.password = password;
        this.redisUri = redisUri;
        this.mode = mode;
        this.embedded = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(this::tearDown));
        System.err.println("[tests] PostgreSQL and Redis: " + mode + " (" + adminJdbcUrl + ", " + redisUri + ")");
    }

    public static TestInfrastructure get() {
        if (instance == null) {
            synchronized (TestInfrastructure.class) {
                if (instance == null) {
                    instance = start();
                }
            }
        }
        return instance;
    }

    private static TestInfrastructure start() {
        String forced = System.getenv().getOrDefault("PLATFORM_TEST_INFRA", "").toLowerCase(Locale.ROOT);
        boolean docker = switch (forced) {
            case "docker" -> true;
            case "local", "embedded" -> false;
            default -> dockerAvailable();
        };
        if (forced.equals("embedded") || (!docker && !forced.equals("local") && !localServersAnswer())) {
            EmbeddedServers servers = EmbeddedServers.start();
            return new TestInfrastructure("jdbc:postgresql://127.0.0.1:" + servers.postgresPort() + "/postgres", "postgres", "",
                    "redis://127.0.0.1:" + servers.redisPort(), "embedded servers", servers);
        }
        if (docker) {
            PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse("postgres:17"));
            GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(6379);
            postgres.start();
            redis.start();
            String adminUrl = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/postgres";
            return new TestInfrastructure(adminUrl, postgres.getUsername(), postgres.getPassword(),
                    "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379), "testcontainers", null);
        }
        String host = System.getenv().getOrDefault("TEST_PG_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("TEST_PG_PORT", "5432");
        return new TestInfrastructure("jdbc:postgresql://" + host + ":" + port + "/postgres",
                System.getenv().getOrDefault("TEST_PG_USER", "postgres"), System.getenv().getOrDefault("TEST_PG_PASSWORD", ""),
                System.getenv().getOrDefault("TEST_REDIS_URI", "redis://127.0.0.1:6379"), "local servers", null);
    }

    /** Whether PostgreSQL and Redis listen where the local mode would look for them. */
    private static boolean localServersAnswer() {
        String redis = System.getenv().getOrDefault("TEST_REDIS_URI", "redis://127.0.0.1:6379");
        java.net.URI redisUri = java.net.URI.create(redis);
        return listening(System.getenv().getOrDefault("TEST_PG_HOST", "127.0.0.1"),
                Integer.parseInt(System.getenv().getOrDefault("TEST_PG_PORT", "5432")))
                && listening(redisUri.getHost(), redisUri.getPort() < 0 ? 6379 : redisUri.getPort());
    }

    private static boolean listening(String host, int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** "testcontainers", "local servers" or "embedded servers". */
    public String mode() {
        return mode;
    }

    public String redisUri() {
        return redisUri;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** Creates an empty database and returns its JDBC URL; it is dropped when the JVM exits. */
    public String newDatabase() {
        String name = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name);
        created.add(name);
        return adminJdbcUrl.substring(0, adminJdbcUrl.lastIndexOf('/') + 1) + name;
    }

    /** A Redis key and channel prefix no other run uses. */
    public String newNamespace() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, username, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable at " + adminJdbcUrl + ": " + e.getMessage(), e);
        }
    }

    private void tearDown() {
        if (embedded != null) {
            embedded.close(); // the databases go with the servers
        } else {
            dropDatabases();
        }
    }

    private void dropDatabases() {
        for (String name : created) {
            try {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException ignored) {
                // best effort at JVM exit
            }
        }
    }
}
