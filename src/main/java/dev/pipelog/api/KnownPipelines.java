package dev.pipelog.api;

import dev.pipelog.model.LogQuery;
import dev.pipelog.store.LogStore;

/** A pipeline id is known when the store holds at least one record of it. */
final class KnownPipelines {
    private KnownPipelines() {
    }

    static void require(LogStore store, String pipelineId) {
        if (store.count(LogQuery.builder().pipelineId(pipelineId).limit(1).build()) == 0) {
            throw new ApiException(ApiError.notFound("no records of pipeline " + pipelineId));
        }
    }
}
