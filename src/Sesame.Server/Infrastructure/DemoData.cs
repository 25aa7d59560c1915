using Microsoft.AspNetCore.Identity;
using Sesame.Core.Accounts;

namespace Sesame.Server.Infrastructure;

/// <summary>
/// Synthetic people for the run command (Development only): a confirmed citizen account to sign in with at
/// once, its e-mailed codes shown on the development mailbox page. Names from identifiers.md's synthetic set.
/// </summary>
public static class DemoData
{
    public const string Username = "marietremblay";
    public const string Email = "marie.tremblay@exemple.ca";
    public const string Password = "Tulipe-Verte-Hiver-92";

    public static async Task SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SesameUser>>();
        if (await users.FindByNameAsync(Username) is not null)
        {
            return;
        }

        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var result = await users.CreateAsync(
            new SesameUser
            {
                Id = Guid.CreateVersion7(now),
                UserName = Username,
                Email = Email,
                EmailConfirmed = true,
                CreatedAt = now,
                TermsAcceptedAt = now,
            },
            Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The demo account could not be created: {string.Join(", ", result.Errors.Select(e => e.Code))}.");
        }
    }
}
