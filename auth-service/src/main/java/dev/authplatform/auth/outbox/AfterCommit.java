package dev.authplatform.auth.outbox;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;

import java.sql.Connection;

/**
 * For the durable queues (the mail outbox, back-channel logouts): wake their sender only once the row it should send
 * is visible to it, that is when the transaction that wrote the row commits; at once when there is none.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void run(TransactionOperations<Connection> transactions, Runnable task) {
        transactions.findTransactionStatus().ifPresentOrElse(status -> status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                task.run();
            }
        }), task);
    }
}
