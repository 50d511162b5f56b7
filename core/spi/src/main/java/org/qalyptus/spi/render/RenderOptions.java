package org.qalyptus.spi.render;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How to render a document.
 *
 * @param openPassword password needed to open the file, or null for none
 * @param writePassword password needed to change the file (PDF permissions, Office write protection),
 *     or null for none
 * @param imageQuality 1 to 100, for lossy image formats
 * @param decimalSeparator the decimal separator for numbers written as text (CSV)
 * @param groupSeparator the thousands separator for numbers written as text, or null for none
 * @param csvDelimiter the field delimiter of CSV output
 * @param locale the locale for anything else locale-dependent
 * @param timeBudget how long rendering may take before it must fail
 * @param maxOutputBytes how many bytes the output may have before rendering must fail
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RenderOptions(
        String openPassword,
        String writePassword,
        int imageQuality,
        char decimalSeparator,
        Character groupSeparator,
        char csvDelimiter,
        Locale locale,
        Duration timeBudget,
        long maxOutputBytes) {

    public RenderOptions {
        if (imageQuality < 1 || imageQuality > 100) {
            throw new IllegalArgumentException("imageQuality must be between 1 and 100");
        }
        locale = locale == null ? Locale.ROOT : locale;
        timeBudget = timeBudget == null ? Duration.ofMinutes(5) : timeBudget;
    }

    /** No passwords, quality 90, {@code .} decimals, no grouping, {@code ,} CSV delimiter, 5 minutes, 512 MiB. */
    public static RenderOptions defaults() {
        return new RenderOptions(null, null, 90, '.', null, ',', Locale.ROOT, Duration.ofMinutes(5), 512L << 20);
    }

    public Optional<String> openPasswordIfSet() {
        return Optional.ofNullable(openPassword).filter(p -> !p.isEmpty());
    }

    public Optional<String> writePasswordIfSet() {
        return Optional.ofNullable(writePassword).filter(p -> !p.isEmpty());
    }
}
