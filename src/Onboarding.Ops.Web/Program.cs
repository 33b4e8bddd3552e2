using Onboarding.Ops.Web.Features.Audit;
using Onboarding.Ops.Web.Hosting;

// `dotnet run -- audit verify-export FILE.zip`: an examiner's check of an export, without the app's database.
if (await AuditCommand.RunOfflineAsync(args, Console.Out) is { } checkedExport)
{
    return checkedExport;
}
var builder = WebApplication.CreateBuilder(args);
builder.AddOps();

var app = builder.Build();
// `dotnet run -- migrate`: apply the migrations and exit, as a deployment step before the instances start.
if (args.FirstOrDefault() == "migrate")
{
    var applied = await app.MigrateDatabaseAsync();
    app.Logger.LogInformation("Applied {Count} migrations; the database is up to date", applied);
    return 0;
}
// `dotnet run -- audit verify|checkpoint`: the trail's checks, against the configured database.
if (AuditCommand.Is(args))
{
    return await AuditCommand.RunAsync(app, args, Console.Out);
}
await app.InitialiseDatabaseAsync();
app.UseOps();
app.Run();
return 0;

public partial class Program;
