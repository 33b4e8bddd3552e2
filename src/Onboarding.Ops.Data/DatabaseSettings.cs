using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Onboarding.Ops.Data;

public enum DatabaseProvider
{
    /// <summary>One file beside the app: the embedded default, one app instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several app instances on one database.</summary>
    PostgreSQL,
}

/// <summary>
/// Which database the app uses and where it is. A missing or unusable setting stops the app at startup, naming it.
/// Each provider has its own migrations assembly, generated from the one model (<see cref="OpsDbContext"/>).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Database:Provider";
    public const string PathKey = "Database:Path";
    public const string ConnectionStringKey = "Database:ConnectionString";
    public const string MigrateOnStartupKey = "Database:MigrateOnStartup";

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>The SQLite file's folder (where the documents and the key ring live by default); null on a server.</summary>
    public string? SqliteFolder => IsSqlite ? Path.GetDirectoryName(new SqliteConnectionStringBuilder(ConnectionString).DataSource) : null;

    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var provider = configuration[ProviderKey] switch
        {
            null or "" => DatabaseProvider.Sqlite,
            var name when Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var known) => known,
            var name => throw new InvalidOperationException($"Setting '{ProviderKey}' must be Sqlite or PostgreSQL, not '{name}'."),
        };
        return provider == DatabaseProvider.Sqlite
            ? new(provider, SqliteConnectionString(configuration, contentRoot))
            : new(provider, Required(configuration, ConnectionStringKey,
                "a PostgreSQL connection string, e.g. Host=127.0.0.1;Port=5432;Database=onboarding_ops;Username=ops;Password=..."));
    }

    /// <summary>
    /// Whether the app applies migrations as it starts: by default on SQLite (one file, one process); off on PostgreSQL,
    /// where migrating is a deployment step of its own (<c>dotnet run -- migrate</c>) and an instance that finds
    /// migrations missing refuses to start.
    /// </summary>
    public bool MigrateOnStartup(IConfiguration configuration) => configuration.GetValue(MigrateOnStartupKey, IsSqlite);

    /// <summary>The provider and its migrations assembly on the context's options.</summary>
    public DbContextOptionsBuilder Apply(DbContextOptionsBuilder options) => (Provider switch
    {
        DatabaseProvider.Sqlite => options.UseSqlite(ConnectionString,
            sqlite => sqlite.MigrationsAssembly("Onboarding.Ops.Migrations.Sqlite")),
        DatabaseProvider.PostgreSQL => options.UseNpgsql(ConnectionString,
            npgsql => npgsql.MigrationsAssembly("Onboarding.Ops.Migrations.PostgreSQL")),
    })
        // The queue's capped counts take any N rows on purpose (CustomerQueue.CountAsync says why); every other limit
        // is ordered. Without this, each count's shape logged a warning once per process.
        .ConfigureWarnings(warnings => warnings.Log((CoreEventId.RowLimitingOperationWithoutOrderByWarning, LogLevel.Debug)));

    private static string SqliteConnectionString(IConfiguration configuration, string contentRoot)
    {
        var configured = Required(configuration, PathKey, "the SQLite database file, e.g. data/onboarding-ops.db");
        var path = Path.GetFullPath(configured, contentRoot);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InvalidOperationException(
                $"Setting '{PathKey}' is unusable: cannot create the folder for '{path}' ({e.Message}).", e);
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            ForeignKeys = true,
            // Wait for a concurrent writer rather than failing at once with "database is locked".
            DefaultTimeout = 30,
        }.ToString();
    }

    private static string Required(IConfiguration configuration, string key, string what)
    {
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"Setting '{key}' is missing: set it to {what}.")
            : value;
    }
}
