using Onboarding.Ops.Testing;

namespace Onboarding.Ops.Web.Tests;

/// <summary>One running app (Development, demo staff) shared by the read-only tests of a class.</summary>
public sealed class AppFixture : IDisposable
{
    public OpsAppFactory App { get; } = new();

    public AppFixture() => App.CreateClient().Dispose();

    public void Dispose() => App.Dispose();
}
