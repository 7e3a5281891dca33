package dev.authplatform.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoints {@code docs/contract.md} promises for one service, read from its tables: the first cell of each row
 * names them in backticks ({@code `POST /auth/logout`, `POST /auth/logout-all`}; {@code `GET`, `POST /oauth2/userinfo`}
 * shares a path between methods; {@code `/enable`} is a sibling of the path before it).
 */
public final class ContractEndpoints {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern METHOD_AND_PATH = Pattern.compile("(GET|POST|PUT|DELETE|PATCH)(?: (/\\S*))?");

    private ContractEndpoints() {
    }

    /** {@code "GET /auth/me"}, ... for the sections whose heading names {@code service}. */
    public static Set<String> of(String service) {
        Set<String> endpoints = new LinkedHashSet<>();
        boolean inSection = false;
        for (String line : lines()) {
            if (line.startsWith("## ")) {
                inSection = line.contains(service);
                continue;
            }
            if (!inSection || !line.startsWith("| `")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            List<String> pendingMethods = new java.util.ArrayList<>();
            String lastMethod = null;
            String lastPath = null;
            Matcher code = CODE.matcher(firstCell);
            while (code.find()) {
                String token = code.group(1).trim();
                Matcher endpoint = METHOD_AND_PATH.matcher(token);
                if (endpoint.matches()) {
                    pendingMethods.add(endpoint.group(1));
                    if (endpoint.group(2) != null) {
                        lastPath = endpoint.group(2).replaceAll("\\?.*", "");
                        for (String method : pendingMethods) {
                            endpoints.add(method + " " + lastPath);
                        }
                        lastMethod = endpoint.group(1);
                        pendingMethods.clear();
                    }
                } else if (token.startsWith("/") && lastPath != null) {
                    lastPath = lastPath.substring(0, lastPath.lastIndexOf('/')) + token;
                    endpoints.add(lastMethod + " " + lastPath);
                }
            }
        }
        return endpoints;
    }

    private static List<String> lines() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path contract = dir.resolve("docs/contract.md");
            if (Files.isRegularFile(contract)) {
                try {
                    return Files.readAllLines(contract);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("docs/contract.md not found above " + here);
    }
}
