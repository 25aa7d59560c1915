using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Sesame.Testing;

/// <summary>
/// What an authenticator app shows (RFC 6238 over RFC 4226): HMAC-SHA1 of the 30-second step, 6 digits. The
/// key is the one Sesame shows to type by hand: base32 (RFC 4648), grouped by four, in lower case.
/// </summary>
public static class Totp
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The step number of an instant (seconds since the Unix epoch divided by 30).</summary>
    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    /// <summary>The six digits for a step, as an app displays them without the space.</summary>
    public static string Code(string shownKey, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(Base32(shownKey), counter);
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff;
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string shownKey)
    {
        var key = new string([.. shownKey.Where(c => !char.IsWhiteSpace(c) && c != '=').Select(char.ToUpperInvariant)]);
        var bytes = new List<byte>(key.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in key)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base32 character.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}
