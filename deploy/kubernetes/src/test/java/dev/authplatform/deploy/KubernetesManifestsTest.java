package dev.authplatform.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kustomize base and the production overlay, rendered by {@code kubectl kustomize} (Debian's kubectl; no cluster)
 * and read into fabric8's typed Kubernetes model: a field the Kubernetes API does not know (a typo, a wrong level) is
 * a failure, as a wrong type is. Then what the deployment promises: probes on the right health groups, requests and
 * limits from the benchmark, non-root read-only containers, a disruption budget and an autoscaler per service, and
 * PostgreSQL reachable from auth-service only.
 */
class KubernetesManifestsTest {

    /** RSS after bench/run's load (docs/benchmarks.md), which a memory limit must leave room above. */
    private static final Map<String, Long> MEASURED_RSS_MIB = Map.of("auth-service", 243L, "resource-service", 185L);

    @Test
    void theBaseRendersIntoValidObjectsThatKeepTheirPromises() throws Exception {
        List<HasMetadata> objects = render("base");
        checkPromises(objects);
        assertEquals(1, ofKind(objects, Secret.class).size(), "a development Secret, so that the base deploys as it is");
    }

    @Test
    void theProductionOverlayRendersIntoValidObjectsThatKeepTheirPromises() throws Exception {
        List<HasMetadata> objects = render("overlays/production");
        checkPromises(objects);
        assertTrue(ofKind(objects, Secret.class).isEmpty(), "no secret value in the repository: it is made outside it");
        for (HasMetadata object : objects) {
            if (!object.getKind().equals("Namespace")) {
                assertEquals("authplatform", object.getMetadata().getNamespace(), object.getKind() + " " + object.getMetadata().getName());
            }
        }
        for (Deployment deployment : ofKind(objects, Deployment.class)) {
            assertTrue(deployment.getSpec().getReplicas() >= 3, deployment.getMetadata().getName());
        }
        for (PodDisruptionBudget budget : ofKind(objects, PodDisruptionBudget.class)) {
            assertEquals(2, budget.getSpec().getMinAvailable().getIntVal(), budget.getMetadata().getName());
        }
    }

    private static void checkPromises(List<HasMetadata> objects) {
        for (HasMetadata object : objects) {
            assertNoUnknownFields(object, object.getKind() + " " + object.getMetadata().getName());
        }
        List<Deployment> deployments = ofKind(objects, Deployment.class);
        assertEquals(Set.of("auth-service", "resource-service"), names(deployments));
        assertEquals(names(deployments), names(ofKind(objects, Service.class)), "a Service per Deployment");
        assertEquals(names(deployments), names(ofKind(objects, PodDisruptionBudget.class)), "a disruption budget per Deployment");
        for (HorizontalPodAutoscaler autoscaler : ofKind(objects, HorizontalPodAutoscaler.class)) {
            assertTrue(names(deployments).contains(autoscaler.getSpec().getScaleTargetRef().getName()));
            assertTrue(autoscaler.getSpec().getMinReplicas() >= 2, "never one replica: " + autoscaler.getMetadata().getName());
        }
        assertEquals(names(deployments), names(ofKind(objects, HorizontalPodAutoscaler.class)), "an autoscaler per Deployment");
        for (Deployment deployment : deployments) {
            checkDeployment(deployment);
        }
        checkOnlyAuthServiceReachesPostgres(ofKind(objects, NetworkPolicy.class));
    }

    private static void checkDeployment(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name);
        assertTrue(pod.getSecurityContext().getRunAsUser() > 0, name);
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), name);
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), name + ": no API access it does not need");
        Container container = pod.getContainers().getFirst();
        assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(), name);
        assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(), name);
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(), name);
        assertTrue(container.getVolumeMounts().stream().anyMatch(mount -> mount.getMountPath().equals("/tmp")),
                name + ": a writable /tmp for the JVM and the JWKS cache");

        assertEquals("/health/liveness", container.getLivenessProbe().getHttpGet().getPath(), name);
        assertEquals("/health/liveness", container.getStartupProbe().getHttpGet().getPath(), name);
        assertEquals("/health/readiness", container.getReadinessProbe().getHttpGet().getPath(), name);
        assertNotNull(container.getLifecycle().getPreStop().getSleep(), name + ": out of the endpoints before it stops");
        assertTrue(pod.getTerminationGracePeriodSeconds() > 25, name + ": room for the pause and the 20 s graceful shutdown");

        var resources = container.getResources();
        for (String resource : List.of("cpu", "memory")) {
            assertNotNull(resources.getRequests().get(resource), name + " requests " + resource);
            assertNotNull(resources.getLimits().get(resource), name + " limits " + resource);
        }
        long limitMib = Quantity.getAmountInBytes(resources.getLimits().get("memory")).longValue() >> 20;
        long requestMib = Quantity.getAmountInBytes(resources.getRequests().get("memory")).longValue() >> 20;
        assertTrue(requestMib >= MEASURED_RSS_MIB.get(name), name + ": the request covers the measured RSS");
        assertTrue(limitMib >= MEASURED_RSS_MIB.get(name) * 5 / 4, name + ": the limit leaves a quarter above it");
    }

    private static void checkOnlyAuthServiceReachesPostgres(List<NetworkPolicy> policies) {
        NetworkPolicy auth = policies.stream().filter(policy -> policy.getMetadata().getName().equals("auth-service")).findFirst().orElseThrow();
        NetworkPolicy resource = policies.stream().filter(policy -> policy.getMetadata().getName().equals("resource-service")).findFirst().orElseThrow();
        assertTrue(egressPorts(auth).contains(5432), "auth-service reaches PostgreSQL");
        assertFalse(egressPorts(resource).contains(5432), "resource-service does not");
        assertTrue(egressPorts(resource).contains(8080), "resource-service reaches auth-service for the JWKS");
        for (NetworkPolicy policy : policies) {
            assertTrue(policy.getSpec().getPolicyTypes().contains("Ingress"), policy.getMetadata().getName());
        }
    }

    private static Set<Integer> egressPorts(NetworkPolicy policy) {
        Set<Integer> ports = new java.util.HashSet<>();
        policy.getSpec().getEgress().forEach(rule -> rule.getPorts().forEach(port -> ports.add(port.getPort().getIntVal())));
        return ports;
    }

    private static List<HasMetadata> render(String directory) throws IOException, InterruptedException {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", directory).redirectErrorStream(true).start();
        String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + directory);
        assertEquals(0, kubectl.exitValue(), "kubectl kustomize " + directory + ":\n" + yaml);
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---$")) {
            if (!document.isBlank()) {
                objects.add(serialization.unmarshal(document, HasMetadata.class));
            }
        }
        assertFalse(objects.isEmpty(), "kubectl kustomize " + directory + " rendered nothing");
        return objects;
    }

    /** Fails when any object of the tree holds fields its Kubernetes type does not have (fabric8 keeps them aside). */
    private static void assertNoUnknownFields(Object root, String where) {
        walk(root, where, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void walk(Object node, String path, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is")) || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                assertTrue(value == null || ((Map<?, ?>) value).isEmpty(),
                        path + " (" + node.getClass().getSimpleName() + ") has fields Kubernetes does not know: " + value);
            } else if (value instanceof KubernetesResource || value instanceof Collection<?> || value instanceof Map<?, ?>
                    || (value != null && value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model"))) {
                walk(value, path + "." + getter.getName().substring(getter.getName().startsWith("is") ? 2 : 3), seen);
            }
        }
    }

    private static <T> List<T> ofKind(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Set<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(object -> object.getMetadata().getName()).collect(java.util.stream.Collectors.toSet());
    }
}
