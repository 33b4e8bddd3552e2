using Microsoft.Data.Sqlite;

namespace Onboarding.Ops.Web.Data;

/// <summary>Where the SQLite database lives. A missing or unusable path stops the app at startup, naming the setting.</summary>
public static class DatabaseSettings
{
    public const string PathKey = "Database:Path";
    public const string MigrateOnStartupKey = "Database:MigrateOnStartup";

    /// <summary>
    /// Whether the app applies migrations as it starts (the default: one SQLite file, one process). Off, migrations are
    /// a step of their own (<c>dotnet run -- migrate</c>) and an instance that finds them missing is not ready.
    /// </summary>
    public static bool MigrateOnStartup(IConfiguration configuration) => configuration.GetValue(MigrateOnStartupKey, true);

    public static string ConnectionString(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration[PathKey];
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"Setting '{PathKey}' is missing: set it to the SQLite database file, e.g. data/onboarding-ops.db.");
        }

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
}
