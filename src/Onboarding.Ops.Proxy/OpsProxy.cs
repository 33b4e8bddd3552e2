namespace Onboarding.Ops.Proxy;

/// <summary>
/// YARP in front of several Onboarding Ops instances on one database. Blazor Server keeps each user's circuit in one
/// instance's memory, so a browser must stay on the instance it started on: cookie session affinity, set on the first
/// answer. New browsers are spread round-robin over the instances whose /health/ready answers; when an instance stops,
/// its browsers are sent to another and sign in again there only if their cookie cannot be read (the key ring is shared).
/// The original Host header is kept (proxy.json), so the app builds its links and form targets on the address the
/// browser sees; X-Forwarded-For and -Proto are added, which the app believes from loopback and Proxy:KnownProxies.
/// </summary>
public static class OpsProxy
{
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // The file first, then again the environment and the command line, so they override it.
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "proxy.json"), optional: false);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        var app = builder.Build();
        app.MapReverseProxy();
        return app;
    }
}
