using System.Security.Cryptography;
using Sesame.Core.Privacy;

namespace Sesame.Core.Invitations;

/// <summary>
/// A designated representative's invitation of a person to an organization (seed 004): a mailed link and an
/// 8-character secret code the representative hands over by another channel. The person's title and names
/// are encrypted; the address stays in clear because the invitation is mailed to it and re-sent to it
/// (docs/decisions/0014-professional-population.md). The code and the link's secret are kept only as keyed
/// hashes (quality.md "codes").
/// </summary>
public sealed class Invitation
{
    /// <summary>Seed 004's instructions leave the person a week; mission.md §5 and issue 6 fix it at 7 days.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>quality.md "codes": five wrong entries void a code.</summary>
    public const int MaximumFailedAttempts = 5;

    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The representative's account.</summary>
    public Guid InvitedBy { get; set; }

    /// <summary>A <see cref="Accounts.ProfessionalName"/>, encrypted.</summary>
    public byte[] Person { get; set; } = [];

    /// <summary>Where the invitation is mailed ("Les consignes de création du compte seront envoyées à cette adresse").</summary>
    public string Email { get; set; } = "";

    /// <summary>"L'utilisateur a-t-il déjà un compte?": the mail then asks to sign in and accept rather than to create one.</summary>
    public bool HasAccount { get; set; }

    /// <summary>The service codes to grant, separated by spaces.</summary>
    public string Services { get; set; } = "";

    public byte[] CodeHash { get; set; } = [];

    public byte[] LinkHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the current code was issued (creation or the last re-send).</summary>
    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public Guid? AcceptedBy { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public int FailedAttempts { get; set; }

    public IReadOnlyList<string> ServiceCodes => Services.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public InvitationState StateAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InvitationState.Accepted
        : RevokedAt is not null ? InvitationState.Revoked
        : FailedAttempts >= MaximumFailedAttempts ? InvitationState.TooManyAttempts
        : now >= ExpiresAt ? InvitationState.Expired
        : InvitationState.Open;

    /// <summary>
    /// Issues a new code and link secret (at creation and at each re-send): the previous ones stop matching,
    /// the wrong-entry count and the 7 days start again. Returns the code and the link secret in clear, once.
    /// </summary>
    public (string Code, string LinkSecret) Issue(KeyedHasher hasher, DateTimeOffset now)
    {
        var code = InvitationCodes.NewCode();
        var link = InvitationCodes.NewLinkSecret();
        CodeHash = hasher.Hash("invitation-code", Id.ToString(), code);
        LinkHash = hasher.Hash("invitation-link", Id.ToString(), link);
        IssuedAt = now;
        ExpiresAt = now + Lifetime;
        FailedAttempts = 0;
        return (code, link);
    }

    public bool LinkMatches(KeyedHasher hasher, string linkSecret) => hasher.Matches(LinkHash, "invitation-link", Id.ToString(), linkSecret);

    /// <summary>Checks a typed code; a wrong one counts towards <see cref="MaximumFailedAttempts"/>.</summary>
    public CodeCheck Check(KeyedHasher hasher, string? code, DateTimeOffset now)
    {
        if (StateAt(now) != InvitationState.Open)
        {
            return CodeCheck.Void;
        }

        var typed = code?.Trim() ?? "";
        if (InvitationCodes.IsWellFormed(typed) && hasher.Matches(CodeHash, "invitation-code", Id.ToString(), typed))
        {
            return CodeCheck.Right;
        }

        FailedAttempts++;
        return FailedAttempts >= MaximumFailedAttempts ? CodeCheck.WrongAndVoided : CodeCheck.Wrong;
    }
}

public enum InvitationState
{
    Open,
    Accepted,
    Revoked,
    Expired,
    TooManyAttempts,
}

public enum CodeCheck
{
    Right,
    Wrong,
    WrongAndVoided,
    Void,
}

/// <summary>identifiers.md: "Invitation secret code: 8 characters, upper and lower case letters and digits, e.g. ihv2T7sD" [seed 004].</summary>
public static class InvitationCodes
{
    public const int Length = 8;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewCode() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The link's own secret (256 bits, URL-safe), so that an invitation cannot be opened by its id alone.</summary>
    public static string NewLinkSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool IsWellFormed(string code) => code.Length == Length && code.All(char.IsAsciiLetterOrDigit);
}
