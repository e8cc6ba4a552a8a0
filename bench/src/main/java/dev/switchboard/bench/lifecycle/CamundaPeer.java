package dev.switchboard.bench.lifecycle;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Camunda 7's process engine on its own PostgreSQL database, history level {@code audit}, no job executor, UUID ids. A
 * lifecycle starts the one-user-task process with the packet's fields as variables, finds its task, claims it and
 * completes it with the decision.
 */
final class CamundaPeer implements LifecyclePeer {
    static final String NAME = "camunda";

    private final BenchDatabase target;
    private final HikariDataSource pool;
    private final ProcessEngine engine;
    private final RuntimeService runtime;
    private final TaskService tasks;

    CamundaPeer(BenchDatabase target) {
        this.target = target;
        this.pool = target.pool("camunda");
        ProcessEngineConfiguration config = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setDataSource(pool)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setJobExecutorActivate(false)
                .setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
        // UUIDs, for the same reason as Flowable's (see FlowablePeer): no id-block transaction on a second connection.
        ((ProcessEngineConfigurationImpl) config).setIdGenerator(new StrongUuidGenerator());
        this.engine = config.buildProcessEngine();
        engine.getRepositoryService()
                .createDeployment()
                .addClasspathResource("lifecycle/review-camunda.bpmn")
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
