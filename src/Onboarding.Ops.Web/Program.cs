using Onboarding.Ops.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddOps();

var app = builder.Build();
await app.InitialiseDatabaseAsync();
app.UseOps();
app.Run();

public partial class Program;
