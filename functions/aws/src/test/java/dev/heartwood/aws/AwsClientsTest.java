package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

class AwsClientsTest {

    private final AwsSettings settings = AwsSettings.fromEnvironment(Map.of(
            "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
            "AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "HEARTWOOD_AWS_CALL_TIMEOUT", "7s"));

    @Test
    void clients_whenAskedTwice_areBuiltOnce() {
        try (AwsClients clients = new AwsClients(settings)) {
            assertThat(clients.s3()).isSameAs(clients.s3());
            assertThat(clients.dynamoDb()).isSameAs(clients.dynamoDb());
            assertThat(clients.sqs()).isSameAs(clients.sqs());
            assertThat(clients.secretsManager()).isSameAs(clients.secretsManager());
            assertThat(clients.kms()).isSameAs(clients.kms());
            assertThat(clients.scheduler()).isSameAs(clients.scheduler());
        }
    }

    @Test
    void clients_carryTheConfiguredRegionEndpointAndTimeout() {
        try (AwsClients clients = new AwsClients(settings)) {
            var config = clients.dynamoDb().serviceClientConfiguration();
            assertThat(config.region().id()).isEqualTo("eu-west-1");
            assertThat(config.endpointOverride()).contains(URI.create("http://127.0.0.1:4566"));
            assertThat(config.overrideConfiguration().apiCallTimeout()).contains(java.time.Duration.ofSeconds(7));
            assertThat(clients.s3().serviceClientConfiguration().endpointOverride()).isPresent();
        }
    }

    @Test
    void clients_withAnInterceptor_runItBesideTheSdksOwnOnEveryStoreClient() {
        ExecutionInterceptor watcher = new ExecutionInterceptor() { };
        try (AwsClients plain = new AwsClients(settings);
                AwsClients watched = new AwsClients(settings, java.util.List.of(watcher))) {
            var sdkOwn = interceptorClasses(plain.dynamoDb().serviceClientConfiguration().overrideConfiguration());
            var withWatcher = watched.dynamoDb().serviceClientConfiguration().overrideConfiguration().executionInterceptors();
            assertThat(withWatcher).contains(watcher);
            assertThat(withWatcher.stream().filter(i -> i != watcher).map(Object::getClass).toList())
                    .isEqualTo(sdkOwn);
            assertThat(watched.s3().serviceClientConfiguration().overrideConfiguration().executionInterceptors())
                    .contains(watcher);
            assertThat(watched.secretsManager().serviceClientConfiguration().overrideConfiguration().executionInterceptors())
                    .contains(watcher);
            assertThat(sdkOwn).doesNotContain(watcher.getClass());
        }
    }

    private static java.util.List<Class<?>> interceptorClasses(
            software.amazon.awssdk.core.client.config.ClientOverrideConfiguration configuration) {
        return configuration.executionInterceptors().stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void classpath_holdsOnlyTheUrlConnectionHttpClient() {
        // If Apache or Netty were on the classpath the SDK could pick them up behind our back.
        assertThatThrownBy(() -> Class.forName("software.amazon.awssdk.http.apache.ApacheHttpClient"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
