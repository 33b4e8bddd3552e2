using Onboarding.Ops.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddOps();

var app = builder.Build();
// `dotnet run -- migrate`: apply the migrations and exit, as a deployment step before the instances start.
if (args.FirstOrDefault() == "migrate")
{
    var applied = await app.MigrateDatabaseAsync();
    app.Logger.LogInformation("Applied {Count} migrations; the database is up to date", applied);
    return;
}
await app.InitialiseDatabaseAsync();
app.UseOps();
app.Run();

public partial class Program;
