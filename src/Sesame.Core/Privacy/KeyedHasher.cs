using System.Security.Cryptography;
using System.Text;

namespace Sesame.Core.Privacy;

/// <summary>
/// HMAC-SHA-256 under a key from configuration. Codes and secrets are stored only as keyed hashes
/// (quality.md, "codes"), so a copy of the database alone cannot be used to guess them offline.
/// </summary>
public sealed class KeyedHasher
{
    public const int MinimumKeyBytes = 32;

    private readonly byte[] _key;

    public KeyedHasher(byte[] key)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"A hashing key needs at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        _key = key;
    }

    /// <summary>Hashes the parts joined by a separator that cannot occur in them (U+001F).</summary>
    public byte[] Hash(params string[] parts) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));

    public bool Matches(byte[] expected, params string[] parts) =>
        CryptographicOperations.FixedTimeEquals(expected, Hash(parts));
}
