package org.qalyptus.server.render;

import java.time.Clock;
import org.qalyptus.render.RenderLimits;
import org.qalyptus.render.ReportRenderer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One rendering engine per server: it caches compiled templates and pools renderers, and is thread-safe. */
@Configuration
class RenderingConfiguration {

    @Bean
    ReportRenderer reportRenderer(Clock clock) {
        return new ReportRenderer(RenderLimits.defaults(), clock);
    }
}
