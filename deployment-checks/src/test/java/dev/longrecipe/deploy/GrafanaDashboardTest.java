package dev.longrecipe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard parses and queries what operators need; that the services expose its metrics is checked by
 * {@link ServiceWithDeploymentEnvironmentTest}. */
class GrafanaDashboardTest {
    private final GrafanaDashboard dashboard = GrafanaDashboard.read(RepositoryLayout.current().grafanaDashboard());

    @Test
    void everyPanelHasAQueryAndEveryQueryReadsAMetric() {
        Map<String, List<String>> queries = dashboard.queriesByPanel();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(6);
        queries.forEach((panel, exprs) -> {
            assertThat(exprs).as(panel).isNotEmpty();
            exprs.forEach(e -> assertThat(PromQl.metricNames(e)).as("%s: %s", panel, e).isNotEmpty());
        });
    }

    @Test
    void showsLagThroughputFailuresProgressAndTrainingPerStage() {
        assertThat(dashboard.uid()).isEqualTo("longrecipe-stages");
        assertThat(dashboard.metricNames()).contains("kafka_consumer_fetch_manager_records_lag",
                "longrecipe_stage_completed_total", "longrecipe_stage_failures_total", "longrecipe_stage_progress",
                "longrecipe_stage_metric", "longrecipe_stage_rate");
    }
}
