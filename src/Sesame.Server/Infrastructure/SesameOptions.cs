using System.ComponentModel.DataAnnotations;

namespace Sesame.Server.Infrastructure;

/// <summary>The "Sesame" configuration section: what the whole server needs to know about where it runs.</summary>
public sealed class SesameOptions
{
    public const string Section = "Sesame";

    /// <summary>
    /// The public origin used in links that leave by mail (https://sesame.example). Required in Production,
    /// so that a forged Host header can never steer a reset link elsewhere.
    /// </summary>
    public Uri? PublicOrigin { get; set; }

    /// <summary>
    /// Serve plain http://localhost (run command, browser tests): cookies lose the __Host- prefix and the
    /// Secure flag follows the request. Refused in Production.
    /// </summary>
    public bool LocalHttp { get; set; }
}

/// <summary>The "Secrets" section: keys that are not Data Protection's.</summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    /// <summary>The key marked as a development key in appsettings.Development.json; Production refuses it.</summary>
    public const string DevelopmentMarker = "DEVELOPMENT-ONLY";

    /// <summary>Base64 key (32 bytes or more) for the keyed hashes of security codes.</summary>
    [Required]
    public string CodeHashKey { get; set; } = "";

    /// <summary>Base64 key (32 bytes or more) from which identification codes are derived; kept apart from the others.</summary>
    [Required]
    public string IdentificationCodeKey { get; set; } = "";

    /// <summary>Base64 key (32 bytes or more) of the audit trail's chained hashes; kept apart from the others.</summary>
    [Required]
    public string AuditKey { get; set; } = "";

    /// <summary>
    /// Base64 key (32 bytes or more) of the keyed hashes that stand for pseudonymous data (account ids, IP
    /// addresses) in the logs; kept apart from the others, so that a log reader holds nothing that opens the database.
    /// </summary>
    [Required]
    public string LogRedactionKey { get; set; } = "";

    /// <summary>
    /// The AES-256 keys of the personal information kept encrypted (identity proofing), each written
    /// <c>id:base64</c> with a distinct id from 1 to 255 and exactly 32 bytes. The first encrypts; the others
    /// are kept to read what older keys wrote: rotate by putting a new key first.
    /// </summary>
    [Required]
    [MinLength(1)]
    public List<string> PersonalDataKeys { get; set; } = [];

    /// <summary>Reads <see cref="PersonalDataKeys"/>; throws <see cref="FormatException"/> on a malformed entry.</summary>
    public IReadOnlyList<(byte Id, byte[] Key)> ParsePersonalDataKeys() => PersonalDataKeys.Select(entry =>
    {
        var separator = entry.IndexOf(':', StringComparison.Ordinal);
        if (separator < 1 || !byte.TryParse(entry.AsSpan(0, separator), System.Globalization.CultureInfo.InvariantCulture, out var id) || id == 0)
        {
            throw new FormatException("Secrets:PersonalDataKeys entries are written id:base64, with an id from 1 to 255.");
        }

        return (id, Convert.FromBase64String(entry[(separator + 1)..]));
    }).ToList();
}

/// <summary>The "RateLimits" section: requests allowed per client address (mission.md §4, quality.md "sign-in").</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 10_000)]
    public int SignInPerMinute { get; set; } = 20;

    [Range(1, 10_000)]
    public int CodeEntryPerMinute { get; set; } = 20;

    [Range(1, 10_000)]
    public int AccountCreationPerHour { get; set; } = 20;
}
