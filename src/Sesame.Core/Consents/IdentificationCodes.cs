using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Services;

namespace Sesame.Core.Consents;

/// <summary>
/// The identification code a service receives as <c>sub</c> (mission.md §3): unique to the service's sector,
/// stable, revealing nothing, and tied to the person rather than the account. A code once given is kept on
/// the consent and reused for the whole sector, so replacing the derivation key changes only codes not given
/// yet (docs/decisions/0008-identification-codes.md).
/// </summary>
public sealed class IdentificationCodes(SesameDbContext db, IdentificationCodeKey key)
{
    public async Task<string> ForAsync(SesameUser user, RelyingParty service, CancellationToken cancellationToken)
    {
        var sectorClients = db.RelyingParties.Where(r => r.Sector == service.Sector).Select(r => r.ClientId);
        var given = await db.Consents
            .Where(c => c.PersonId == user.PersonId && sectorClients.Contains(c.ClientId))
            .OrderBy(c => c.GrantedAt)
            .Select(c => c.Subject)
            .FirstOrDefaultAsync(cancellationToken);
        return given ?? Derive(key, service.Sector, user.PersonId);
    }

    /// <summary>HMAC-SHA-256 over the sector and the person, written as 26 lowercase base32 characters (130 bits).</summary>
    public static string Derive(IdentificationCodeKey key, string sector, Guid personId)
    {
        var mac = HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes($"sesame-sub-v1\u001f{sector}\u001f{personId:N}"));
        return Base32(mac)[..26];
    }

    private static string Base32(byte[] bytes)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var output = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            output.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }

        return output.ToString();
    }
}

/// <summary>The derivation key of identification codes (Secrets:IdentificationCodeKey), kept apart from the others.</summary>
public sealed class IdentificationCodeKey
{
    public IdentificationCodeKey(byte[] value)
    {
        if (value.Length < 32)
        {
            throw new ArgumentException("The identification-code key needs at least 32 bytes.", nameof(value));
        }

        Value = value;
    }

    public byte[] Value { get; }
}
