using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Sesame.Core.Accounts;
using Sesame.Server.Infrastructure.Security;

namespace Sesame.Server.Infrastructure.Identity;

/// <summary>The options a page hands to <c>navigator.credentials.create()</c> or <c>get()</c>, and the state to send back.</summary>
public sealed record PasskeyChallenge(string Options, string State);

/// <summary>
/// The two WebAuthn ceremonies (W3C Web Authentication Level 3 §7) through ASP.NET Core Identity's passkey
/// handler. The ceremony's state (the challenge) travels in the page, encrypted and valid five minutes,
/// rather than in a cookie, so that a person may have a sign-in page and an account page open at once.
/// </summary>
public sealed class PasskeyCeremonies(IPasskeyHandler<SesameUser> handler, UserManager<SesameUser> users, IDataProtectionProvider protection)
{
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(5);

    private readonly ITimeLimitedDataProtector _attestation = protection.CreateProtector("Sesame.Passkey.Attestation.v1").ToTimeLimitedDataProtector();
    private readonly ITimeLimitedDataProtector _assertion = protection.CreateProtector("Sesame.Passkey.Assertion.v1").ToTimeLimitedDataProtector();

    public async Task<PasskeyChallenge> BeginRegistrationAsync(SesameUser user, HttpContext context)
    {
        var entity = new PasskeyUserEntity { Id = user.Id.ToString(), Name = user.UserName!, DisplayName = user.UserName! };
        var result = await handler.MakeCreationOptionsAsync(entity, context);
        return new PasskeyChallenge(result.CreationOptionsJson, _attestation.Protect(result.AttestationState ?? "", StateLifetime));
    }

    /// <summary>Checks the new credential and stores it under the given name; false when the browser's answer does not hold.</summary>
    public async Task<bool> FinishRegistrationAsync(SesameUser user, string? credential, string? state, string name, HttpContext context)
    {
        if (Unprotect(_attestation, state) is not { } attestationState || !IsJson(credential))
        {
            return false;
        }

        var result = await handler.PerformAttestationAsync(new PasskeyAttestationContext
        {
            HttpContext = context,
            CredentialJson = credential!,
            AttestationState = attestationState,
        });
        if (!result.Succeeded || result.UserEntity.Id != user.Id.ToString())
        {
            return false;
        }

        result.Passkey.Name = name;
        return (await users.AddOrUpdatePasskeyAsync(user, result.Passkey)).Succeeded;
    }

    /// <summary>A challenge for one person's passkeys, or for any discoverable passkey when <paramref name="user"/> is null.</summary>
    public async Task<PasskeyChallenge> BeginAssertionAsync(SesameUser? user, HttpContext context)
    {
        var result = await handler.MakeRequestOptionsAsync(user, context);
        return new PasskeyChallenge(result.RequestOptionsJson, _assertion.Protect(result.AssertionState ?? "", StateLifetime));
    }

    /// <summary>The account whose passkey signed the challenge (its counter updated), or null.</summary>
    public async Task<SesameUser?> FinishAssertionAsync(string? credential, string? state, HttpContext context)
    {
        if (Unprotect(_assertion, state) is not { } assertionState || !IsJson(credential))
        {
            return null;
        }

        var result = await handler.PerformAssertionAsync(new PasskeyAssertionContext
        {
            HttpContext = context,
            CredentialJson = credential!,
            AssertionState = assertionState,
        });
        if (!result.Succeeded)
        {
            return null;
        }

        await users.AddOrUpdatePasskeyAsync(result.User, result.Passkey);
        return result.User;
    }

    private static string? Unprotect(ITimeLimitedDataProtector protector, string? value) =>
        protector.TryUnprotect(value, 10_000) is { Length: > 0 } state ? state : null;

    /// <summary>Refuses oversized or malformed answers before Identity parses them.</summary>
    private static bool IsJson(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64_000)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
