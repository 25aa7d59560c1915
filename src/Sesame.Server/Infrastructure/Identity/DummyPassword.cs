using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sesame.Core.Accounts;

namespace Sesame.Server.Infrastructure.Identity;

/// <summary>
/// A password hash for no one, checked when the account does not exist or is locked, so that such an
/// attempt costs the same time as a wrong password (quality.md: "same response and similar time").
/// </summary>
public sealed class DummyPassword(IOptions<PasswordHasherOptions> options)
{
    // The same algorithm and iteration count as real accounts; its own instance, as Identity's hasher is scoped.
    private static readonly SesameUser Nobody = new() { UserName = "nobody" };
    private readonly PasswordHasher<SesameUser> _hasher = new(options);
    private string? _hash;

    public void Spend(string? password)
    {
        _hash ??= _hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
        _hasher.VerifyHashedPassword(Nobody, _hash, password ?? "");
    }
}
