package dev.longrecipe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

    @Test
    void defaultsNeedNoTopicsAndKeepTheStateDirAttachedToThisJvm() {
        StackOptions defaults = StackOptions.defaults();

        assertThat(defaults.topics()).isEmpty();
        assertThat(defaults.bucket()).isEqualTo("longrecipe");
        assertThat(defaults.accessKey()).isEqualTo("longrecipe");
        assertThat(defaults.secretKey()).isEqualTo("longrecipe-secret");
        assertThat(defaults.detached()).isFalse();
        assertThat(defaults.temporaryStateDir()).isFalse();
    }

    @Test
    void topicNamesBecomeOnePartitionTopics() {
        assertThat(StackOptions.defaults().withTopics("a.b", "c").topics())
                .containsExactly(new TopicSpec("a.b", 1), new TopicSpec("c", 1));
    }

    @Test
    void aDetachedStackCannotHaveATemporaryStateDir() {
        assertThatThrownBy(() -> StackOptions.defaults().withDetached(true).withTemporaryStateDir(true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detached")
                .hasMessageContaining("temporaryStateDir");
    }

    @Test
    void anInvalidBucketNameIsRefusedWithTheRule() {
        assertThatThrownBy(() -> StackOptions.defaults().withBucket("Upper_Case"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Upper_Case'")
                .hasMessageContaining("lowercase");
    }

    @Test
    void blankCredentialsAreRefused() {
        assertThatThrownBy(() -> StackOptions.defaults().withCredentials("key", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret key");
    }

    @Test
    void aNonPositiveStartupTimeoutIsRefused() {
        assertThatThrownBy(() -> StackOptions.defaults().withStartupTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startupTimeout");
    }

    @Test
    void topicNamesAndPartitionCountsAreChecked() {
        assertThatThrownBy(() -> TopicSpec.of("has space"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'has space'");
        assertThatThrownBy(() -> new TopicSpec("ok", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 partition");
    }
}
