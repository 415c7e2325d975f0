package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.store.QueryTimeoutException;
import dev.pipelog.store.StoreException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ExceptionMapperTest {

    @Test
    void aSearchThatRunsTooLongIsA504InWords() {
        ApiError e = ExceptionMapper.toError(new QueryTimeoutException(Duration.ofSeconds(30), new SQLException("INTERRUPT")), 1);
        assertThat(e.status()).isEqualTo(504);
        assertThat(e.code()).isEqualTo("query_timeout");
        assertThat(e.message()).contains("30000 ms").contains("narrow the filters").doesNotContain("INTERRUPT");
    }

    @Test
    void storageFailuresAre503WithRetryAfterAndNoInternals() {
        ApiError e = ExceptionMapper.toError(new CompletionException(new StoreException("IO Error: /secret/path")), 1);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retryAfter()).isPositive();
        assertThat(e.message()).doesNotContain("/secret/path");
    }

    @Test
    void anythingUnexpectedIsA500WithoutItsMessage() {
        ApiError e = ExceptionMapper.toError(new NullPointerException("field x of y"), 1);
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.message()).doesNotContain("field x");
    }
}
