package dev.longrecipe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerClasspathsTest {

    @Test
    void theBuildWritesKafkaAndS3ProxyJarsThatExist() {
        List<Path> kafka = ServerClasspaths.kafka();
        List<Path> s3 = ServerClasspaths.s3proxy();

        assertThat(kafka).anySatisfy(p -> assertThat(p.getFileName().toString()).startsWith("kafka_2.13-4.2.1"));
        assertThat(kafka).noneSatisfy(p -> assertThat(p.getFileName().toString()).startsWith("s3proxy"));
        assertThat(s3.get(0).getFileName().toString()).isEqualTo("s3proxy-4.1.0-jar-with-dependencies.jar");
        assertThat(kafka).allSatisfy(p -> assertThat(p).exists());
        assertThat(s3).allSatisfy(p -> assertThat(p).exists());
    }

    @Test
    void aClasspathFileNamingMissingJarsSaysHowToRebuild() {
        assertThatThrownBy(() -> ServerClasspaths.parse("kafka-server.classpath", "/no/such/kafka.jar"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/no/such/kafka.jar")
                .hasMessageContaining("./mvnw -pl local-stack -am install");
    }
}
