using Microsoft.AspNetCore.Identity;
using Sesame.Core.Accounts;

namespace Sesame.Server.Infrastructure.Identity;

public static class UserLookup
{
    /// <summary>Seed 001's "Adresse courriel ou nom d'utilisateur": an @ means an e-mail (usernames have none).</summary>
    public static Task<SesameUser?> FindByIdentifierAsync(this UserManager<SesameUser> users, string identifier)
    {
        var trimmed = identifier.Trim();
        return trimmed.Contains('@', StringComparison.Ordinal) ? users.FindByEmailAsync(trimmed) : users.FindByNameAsync(trimmed);
    }
}
