package dev.switchboard.bench.lifecycle;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;

/**
 * Flowable's process engine on its own PostgreSQL database, history level {@code audit} (its default), no async
 * executor, UUID ids. A lifecycle starts the one-user-task process with the packet's fields as variables, finds its task,
 * claims it and completes it with the decision.
 */
final class FlowablePeer implements LifecyclePeer {
    static final String NAME = "flowable";

    private final BenchDatabase target;
    private final HikariDataSource pool;
    private final ProcessEngine engine;
    private final RuntimeService runtime;
    private final TaskService tasks;

    FlowablePeer(BenchDatabase target) {
        this.target = target;
        this.pool = target.pool("flowable");
        ProcessEngineConfiguration config = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setDataSource(pool)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setAsyncExecutorActivate(false)
                .setHistoryLevel(HistoryLevel.AUDIT);
        // UUIDs, as the engine's documentation advises under concurrency: the default id generator fetches id
        // blocks in a transaction of its own, on a second connection, while its caller holds one and other threads
        // wait for it; with more threads than pooled connections that deadlocks until the pool's timeout.
        config.setIdGenerator(new StrongUuidGenerator());
        this.engine = config.buildProcessEngine();
        engine.getRepositoryService()
                .createDeployment()
                .addClasspathResource("lifecycle/review-flowable.bpmn20.xml")
                .deploy();
        this.runtime = engine.getRuntimeService();
        this.tasks = engine.getTaskService();
    }

    @Override
    public void lifecycle(long n) {
        ProcessInstance instance = runtime.startProcessInstanceByKey("review", "o-" + n, Lifecycles.packet(n));
        Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        tasks.claim(task.getId(), "operator-1");
        tasks.complete(task.getId(), Lifecycles.decision());
    }

    @Override
    public long finished() throws SQLException {
        return target.count(Lifecycles.FINISHED_PROCESSES);
    }

    @Override
    public void close() {
        engine.close();
        pool.close();
    }
}
