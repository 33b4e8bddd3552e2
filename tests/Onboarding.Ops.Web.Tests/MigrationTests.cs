using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Web.Hosting;

namespace Onboarding.Ops.Web.Tests;

/// <summary>SQLite's migrations that move data, checked on a database made by the migrations before them.</summary>
[Trait(TestDatabase.Provider, TestDatabase.SqliteOnly)]
public sealed class MigrationTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "onboarding-ops-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task AccessRequestPartner_GivesEachEarlierRequestItsCustomersPartner()
    {
        Directory.CreateDirectory(folder);
        // The app's own registrations: Identity's options shape the model (STACK.md).
        var services = new ServiceCollection().AddLogging().AddOpsDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "ops.db")}"));
        services.AddOpsIdentity(new ConfigurationBuilder().Build(), isDevelopment: true);
        await using var provider = services.BuildServiceProvider();
        await using var db = await provider.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContextAsync();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261202074426_ReviewLoop");
        var (customer, request) = (Guid.NewGuid(), Guid.NewGuid());
        await InsertAsync(db, "Partners", new() { ["Id"] = "paygo-mobile" });
        await InsertAsync(db, "Customers", new() { ["Id"] = customer, ["PartnerId"] = "paygo-mobile" });
        await InsertAsync(db, "AccessRequests", new() { ["Id"] = request, ["CustomerId"] = customer });

        await migrator.MigrateAsync();

        Assert.Equal("paygo-mobile", await db.Database.SqlQuery<string>($"""SELECT "PartnerId" AS "Value" FROM "AccessRequests" WHERE "Id" = {request}""").SingleAsync());
    }

    /// <summary>A row with the given values and a plain value in every other required column.</summary>
    private static async Task InsertAsync(OpsDbContext db, string table, Dictionary<string, object> values)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name, type FROM pragma_table_info('{table}') WHERE \"notnull\" = 1 AND dflt_value IS NULL";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                values.TryAdd(reader.GetString(0), reader.GetString(1) == "INTEGER" ? 0 : "");
            }
        }
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", values.Keys.Select(k => $"\"{k}\""))}) VALUES ({string.Join(", ", values.Keys.Select(k => "$" + k))})";
        foreach (var (name, value) in values)
        {
            insert.Parameters.Add(new SqliteParameter("$" + name, value is Guid g ? g.ToString().ToUpperInvariant() : value));
        }
        await insert.ExecuteNonQueryAsync();
    }
}
