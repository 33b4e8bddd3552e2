// The proxy in front of the app's instances: `dotnet run --project src/Onboarding.Ops.Proxy --urls http://localhost:5100`
// (the instances it sends to are in proxy.json, or ReverseProxy__Clusters__ops__Destinations__...__Address).
Onboarding.Ops.Proxy.OpsProxy.Build(args).Run();
