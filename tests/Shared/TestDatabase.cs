using Microsoft.Data.Sqlite;
using Npgsql;

namespace Onboarding.Ops.Testing;

/// <summary>
/// A test app's own database: a SQLite file in the app's temporary folder, or, when OPS_TEST_POSTGRES names a
/// PostgreSQL server (tests/postgres.sh starts a private one), a database of its own on that server. Either can keep
/// its current state and put it back, so a class's tests share one started app (<see cref="SharedApp"/>).
/// </summary>
public abstract class TestDatabase : IDisposable
{
    public const string ServerVariable = "OPS_TEST_POSTGRES";

    /// <summary>
    /// A test about SQLite itself (its file, its query planner, its migration history) carries
    /// <c>[Trait(TestDatabase.Provider, TestDatabase.SqliteOnly)]</c>; the PostgreSQL run leaves it out.
    /// </summary>
    public const string Provider = "Provider";
    public const string SqliteOnly = "SqliteOnly";

    /// <summary>A test of what only a server database gives (instances that talk through it); the SQLite run leaves it out.</summary>
    public const string PostgresOnly = "PostgresOnly";

    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    public static bool OnPostgres => Server is not null;

    public static TestDatabase Create(string folder) => Server is { } server ? new Postgres(server, folder) : new Sqlite(folder);

    /// <summary>The app's settings that point it at this database.</summary>
    public abstract IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>Keeps the current state, for <see cref="Restore"/>.</summary>
    public abstract void Keep();

    /// <summary>Puts back the state kept last.</summary>
    public abstract void Restore();

    public abstract void Dispose();

    private sealed class Sqlite(string folder) : TestDatabase
    {
        private readonly string path = Path.Combine(folder, "ops.db");
        private SqliteConnection? kept;

        public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Database:Path"] = path };

        public override void Keep()
        {
            kept?.Dispose();
            kept = new SqliteConnection("Data Source=:memory:");
            kept.Open();
            WhenUnlocked(live => live.BackupDatabase(kept));
        }

        public override void Restore() => WhenUnlocked(live => kept!.BackupDatabase(live));

        /// <summary>
        /// A backup gives up at once when a connection of the app holds a lock (a request of the last test finishing, a
        /// background job's first round right after start-up), so it is tried again for a few seconds.
        /// </summary>
        private void WhenUnlocked(Action<SqliteConnection> backup)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var live = Open();
                    backup(live);
                    return;
                }
                catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < 100)
                {
                    Thread.Sleep(50);
                }
            }
        }

        private SqliteConnection Open()
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            return connection;
        }

        public override void Dispose()
        {
            kept?.Dispose();
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>
    /// A database named for the app on the test server. Its state is kept in a schema of its own (a copy of each table
    /// and each sequence's value) and put back in one transaction, so the app's connections stay open throughout.
    /// </summary>
    private sealed class Postgres : TestDatabase
    {
        private readonly string server;
        private readonly string name = "ops_" + Guid.NewGuid().ToString("N");
        private readonly string folder;

        public Postgres(string server, string folder)
        {
            (this.server, this.folder) = (server, folder);
            Run(server + ";Database=postgres;Pooling=false", $"CREATE DATABASE {name}");
        }

        private string ConnectionString => $"{server};Database={name}";

        public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["Database:ConnectionString"] = ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Documents:Path"] = Path.Combine(folder, "documents"),
        };

        public override void Keep()
        {
            var tables = Tables();
            Run(ConnectionString + ";Pooling=false", string.Join('\n', [
                "DROP SCHEMA IF EXISTS kept CASCADE; CREATE SCHEMA kept;",
                .. tables.Select(t => $"""CREATE TABLE kept."{t}" AS TABLE public."{t}";"""),
                """CREATE TABLE kept.sequences AS SELECT sequencename AS name, last_value FROM pg_sequences WHERE schemaname = 'public';""",
            ]));
        }

        public override void Restore()
        {
            var tables = Tables();
            // The app's background rounds keep reading and writing meanwhile; truncating every table can meet one of
            // them in a deadlock, which PostgreSQL ends by failing one side. The restore is one transaction: try again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    RestoreOnce(tables);
                    return;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
                {
                }
            }
        }

        private void RestoreOnce(List<string> tables)
        {
            // Triggers (the audit table's refusals, foreign keys) stay quiet while the rows are put back.
            Run(ConnectionString + ";Pooling=false", string.Join('\n', [
                "BEGIN; SET LOCAL session_replication_role = replica;",
                $"TRUNCATE {string.Join(", ", tables.Select(t => $"public.\"{t}\""))};",
                .. tables.Select(t => $"""INSERT INTO public."{t}" SELECT * FROM kept."{t}";"""),
                """SELECT setval(format('public.%I', name), coalesce(last_value, 1), last_value IS NOT NULL) FROM kept.sequences;""",
                "COMMIT;",
            ]));
        }

        private List<string> Tables()
        {
            using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
            connection.Open();
            using var command = new NpgsqlCommand(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory' ORDER BY tablename", connection);
            using var reader = command.ExecuteReader();
            var tables = new List<string>();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
            return tables;
        }

        public override void Dispose()
        {
            NpgsqlConnection.ClearAllPools();
            Run(server + ";Database=postgres;Pooling=false", $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }

        private static void Run(string connectionString, string sql)
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }
}
