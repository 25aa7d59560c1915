using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sesame.Registries.Simulator;

/// <summary>
/// A letter in the registry's mail room: what the person would find in their mailbox. <see cref="Secret"/> is what
/// the letter carries (Sesame's postal secret, or the activation key RAMQ generated), so that tests and demos can
/// read it as the person would.
/// </summary>
public sealed record Letter(DateTimeOffset SentAt, string Kind, string Recipient, string Address, string Content, string Secret);

/// <summary>
/// What the simulated registries remember between calls: the population (built on first use, rebuilt when the year
/// turns so that "last tax year" stays true), the letters mailed, RAMQ's activation keys, the answers to letter
/// requests by idempotency key, and the fault switches. Thread-safe: requests arrive concurrently.
/// </summary>
public sealed class SimulatorState(TimeProvider time, SimulatorOptions options)
{
    /// <summary>An activation key works for 90 days (seed 002), and only the last one mailed.</summary>
    public static readonly TimeSpan ActivationKeyValidity = TimeSpan.FromDays(90);

    /// <summary>The mail room keeps the newest letters only, so that a long demo cannot grow it without end.</summary>
    public const int MailRoomCapacity = 10_000;

    private readonly Lock _populationGate = new();
    private readonly ConcurrentDictionary<SimulatedRegistry, FaultMode> _faults = new();
    private readonly ConcurrentQueue<Letter> _letters = new();
    private readonly ConcurrentDictionary<string, (string Key, DateTimeOffset ExpiresAt)> _activationKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<object>> _answers = new(StringComparer.Ordinal);
    private volatile Population? _population;

    /// <summary>The people, as they stand in the current year of <see cref="Time"/>; built on first use (about 0.1 s).</summary>
    public Population Population
    {
        get
        {
            var year = time.GetUtcNow().Year;
            var population = _population;
            if (population?.Year == year)
            {
                return population;
            }

            lock (_populationGate)
            {
                if (_population?.Year != year)
                {
                    _population = Population.Generate(year, options.PopulationSize);
                }

                return _population;
            }
        }
    }

    public TimeProvider Time => time;

    public FaultMode FaultOf(SimulatedRegistry registry) => _faults.GetValueOrDefault(registry, FaultMode.None);

    public void SetFault(SimulatedRegistry registry, FaultMode mode) => _faults[registry] = mode;

    /// <summary>The letters mailed, newest first.</summary>
    public IReadOnlyList<Letter> Letters => [.. _letters.Reverse()];

    public void Mail(Letter letter)
    {
        _letters.Enqueue(letter);
        while (_letters.Count > MailRoomCapacity && _letters.TryDequeue(out _))
        {
        }
    }

    /// <summary>RAMQ makes a new 4-digit key for the person; the previous one stops working (seed 002).</summary>
    public string IssueActivationKey(string nam)
    {
        var key = RandomNumberGenerator.GetInt32(10_000).ToString("0000", CultureInfo.InvariantCulture);
        _activationKeys[nam] = (key, time.GetUtcNow() + ActivationKeyValidity);
        return key;
    }

    public bool IsActivationKey(string nam, string key) =>
        _activationKeys.TryGetValue(nam, out var issued)
        && issued.ExpiresAt > time.GetUtcNow()
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(issued.Key), Encoding.ASCII.GetBytes(key));

    /// <summary>
    /// The first answer given for an idempotency key, made once even when the same key arrives twice at the same
    /// moment (docs/registries.md: a repeated key returns the first answer without mailing a second letter).
    /// </summary>
    public T Once<T>(string? idempotencyKey, Func<T> make)
        where T : notnull
    {
        if (idempotencyKey is null)
        {
            return make();
        }

        var answer = _answers.GetOrAdd(idempotencyKey, _ => new Lazy<object>(() => make(), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return (T)answer.Value;
        }
        catch
        {
            // A request that failed gave no answer: the next one with this key is made afresh.
            _answers.TryRemove(KeyValuePair.Create(idempotencyKey, answer));
            throw;
        }
    }

    /// <summary>
    /// A fresh, unguessable reference id for the registry's journal (docs/registries.md), such as
    /// <c>RQ-7Q2M-4K9D-TX3B</c>: 12 characters from 30 (about 59 bits) from the system's cryptographic generator.
    /// </summary>
    public static string Reference(string prefix)
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return $"{prefix}-{chars[..4]}-{chars[4..8]}-{chars[8..]}";
    }
}
