using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sesame.Core.Privacy;

/// <summary>
/// Encrypts the personal information Sesame must keep (the attributes a registry verified, what a person typed
/// while their identification is in progress) with AES-256-GCM, so that no such value sits in a clear-text
/// column (mission.md §2; quality.md). Each value carries the id of its key: a new key can be put first and
/// the old ones kept for reading, which is how the key is rotated without a migration.
/// </summary>
public sealed class PersonalDataProtector
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly IReadOnlyList<(byte Id, byte[] Key)> _keys;

    /// <param name="keys">Keys by id, the first one used to encrypt; each exactly 32 bytes.</param>
    public PersonalDataProtector(IReadOnlyList<(byte Id, byte[] Key)> keys)
    {
        if (keys.Count == 0 || keys.Any(k => k.Key.Length != 32) || keys.Select(k => k.Id).Distinct().Count() != keys.Count)
        {
            throw new ArgumentException("Personal-data keys must be 32 bytes each, with distinct ids.", nameof(keys));
        }

        _keys = keys;
    }

    /// <summary>Encrypts <paramref name="value"/> as JSON; <paramref name="purpose"/> is bound as associated data.</summary>
    public byte[] Protect<T>(T value, string purpose)
    {
        var (id, key) = _keys[0];
        var plain = JsonSerializer.SerializeToUtf8Bytes(value);
        var output = new byte[1 + NonceBytes + TagBytes + plain.Length];
        output[0] = id;
        var nonce = output.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceBytes + TagBytes), output.AsSpan(1 + NonceBytes, TagBytes), Encoding.UTF8.GetBytes(purpose));
        CryptographicOperations.ZeroMemory(plain);
        return output;
    }

    /// <summary>Whether a value was written under an older key than the one that encrypts now.</summary>
    public bool NeedsNewKey(byte[] protectedValue) => protectedValue.Length > 0 && protectedValue[0] != _keys[0].Id;

    /// <summary>Decrypts what <see cref="Protect{T}"/> wrote for the same purpose; throws if it was altered.</summary>
    public T Unprotect<T>(byte[] protectedValue, string purpose)
    {
        if (protectedValue.Length < 1 + NonceBytes + TagBytes)
        {
            throw new CryptographicException("The protected value is truncated.");
        }

        var key = _keys.FirstOrDefault(k => k.Id == protectedValue[0]).Key
            ?? throw new CryptographicException($"No personal-data key has the id {protectedValue[0]}.");
        var plain = new byte[protectedValue.Length - 1 - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(protectedValue.AsSpan(1, NonceBytes), protectedValue.AsSpan(1 + NonceBytes + TagBytes),
            protectedValue.AsSpan(1 + NonceBytes, TagBytes), plain, Encoding.UTF8.GetBytes(purpose));
        try
        {
            return JsonSerializer.Deserialize<T>(plain) ?? throw new CryptographicException("The protected value is empty.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
