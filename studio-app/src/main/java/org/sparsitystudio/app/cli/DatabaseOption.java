package org.sparsitystudio.app.cli;

import java.util.List;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.RunRecord;
import picocli.CommandLine.Option;

/** The {@code --db} option shared by the commands that use the database. */
final class DatabaseOption {

    @Option(names = "--db", paramLabel = "URL|PATH",
            description = "Database: a JDBC URL or an H2 file path (default: the sparsitystudio.db setting, else "
                    + "the user's data directory).")
    String db;

    /** Opens, migrates and recovers runs left running by a dead process. */
    Database open() {
        Database database = db == null ? Database.openDefault() : Database.open(db);
        database.migrate();
        List<RunRecord> recovered = database.recoverInterrupted();
        if (!recovered.isEmpty()) {
            System.err.println(recovered.size() + " run(s) left running by a process that died are now interrupted");
        }
        return database;
    }
}
