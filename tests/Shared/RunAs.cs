using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Testing;

/// <summary>Calls the app's services as a given staff member, exactly as a page in their circuit would.</summary>
public static class RunAs
{
    public static async Task<T> RunAsAsync<T>(this OpsAppFactory app, string email, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = await services.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No staff account {email}.");
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(user);
        var authentication = (ServerAuthenticationStateProvider)services.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return await action(services);
    }

    public static Task<T> RunAsAsync<TService, T>(this OpsAppFactory app, string email, Func<TService, Task<T>> action)
        where TService : notnull =>
        app.RunAsAsync(email, services => action(services.GetRequiredService<TService>()));
}
