package dev.switchboard.json;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Jackson set up for a server whose every request runs on a new virtual thread. A parser or generator borrows its
 * buffers (several KiB) from its factory's pool; Jackson's default pool keeps them per thread, so each request
 * allocated and cleared new ones. These factories share one pool among all threads instead.
 */
public final class JsonMappers {
    private JsonMappers() {}

    /** A factory builder with the shared buffer pool, for a mapper that needs more settings. */
    public static JsonFactoryBuilder factoryBuilder() {
        return new JsonFactoryBuilder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool());
    }

    /** A mapper with Jackson's default settings and the shared buffer pool. */
    public static ObjectMapper create() {
        return new ObjectMapper(factoryBuilder().build());
    }
}
