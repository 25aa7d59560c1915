using System.Net;
using System.Text;

namespace Sesame.Testing;

/// <summary>
/// Writes a small city database in the MaxMind DB format (version 2: a binary search tree over address bits,
/// a data section, a metadata map), so that the server reads it with the same MaxMind reader as a real
/// GeoLite2-City file. Only IPv4 /24 networks, and only the fields Sesame reads (city, subdivision, country).
/// </summary>
public static class CityDatabase
{
    /// <summary>The synthetic networks and places of the test database (documentation ranges, RFC 5737).</summary>
    public static readonly IReadOnlyList<(string Network, string City, string Region, string Country)> Places =
    [
        ("203.0.113.0", "Montréal", "Québec", "Canada"),
        ("198.51.100.0", "Rimouski", "Québec", "Canada"),
    ];

    public static void Write(string path)
    {
        // Data section: one record per place.
        var data = new List<byte>();
        var offsets = new List<int>();
        foreach (var (_, city, region, country) in Places)
        {
            offsets.Add(data.Count);
            data.AddRange(Map(
                ("city", Map(("names", Names(city)))),
                ("subdivisions", Array(Map(("names", Names(region))))),
                ("country", Map(("iso_code", Text("CA")), ("names", Names(country))))));
        }

        // Search tree: a path of 24 nodes per network; every other branch leads to "no data".
        var nodes = new List<(int Left, int Right)> { (-1, -1) };
        var leaves = new List<(int Node, int Bit, int Place)>();
        for (var place = 0; place < Places.Count; place++)
        {
            var bytes = IPAddress.Parse(Places[place].Network).GetAddressBytes();
            var node = 0;
            for (var depth = 0; depth < 24; depth++)
            {
                var bit = (bytes[depth / 8] >> (7 - (depth % 8))) & 1;
                if (depth == 23)
                {
                    leaves.Add((node, bit, place));
                    break;
                }

                var next = bit == 0 ? nodes[node].Left : nodes[node].Right;
                if (next < 0)
                {
                    next = nodes.Count;
                    nodes.Add((-1, -1));
                    nodes[node] = bit == 0 ? (next, nodes[node].Right) : (nodes[node].Left, next);
                }

                node = next;
            }
        }

        var count = nodes.Count;
        var records = nodes.Select(n => (Left: n.Left < 0 ? count : n.Left, Right: n.Right < 0 ? count : n.Right)).ToArray();
        foreach (var (node, bit, place) in leaves)
        {
            // A data pointer: node count + 16 (the separator) + the record's offset in the data section.
            var pointer = count + 16 + offsets[place];
            records[node] = bit == 0 ? (pointer, records[node].Right) : (records[node].Left, pointer);
        }

        using var file = File.Create(path);
        foreach (var (left, right) in records)
        {
            file.Write([(byte)(left >> 16), (byte)(left >> 8), (byte)left, (byte)(right >> 16), (byte)(right >> 8), (byte)right]);
        }

        file.Write(new byte[16]);
        file.Write([.. data]);
        file.Write([0xAB, 0xCD, 0xEF, .. Encoding.ASCII.GetBytes("MaxMind.com")]);
        file.Write([.. Map(
            ("binary_format_major_version", UInt16(2)),
            ("binary_format_minor_version", UInt16(0)),
            ("build_epoch", UInt64((ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds())),
            ("database_type", Text("Sesame-Test-City")),
            ("description", Map(("en", Text("Synthetic test cities")))),
            ("ip_version", UInt16(4)),
            ("languages", Array(Text("fr"), Text("en"))),
            ("node_count", UInt32((uint)count)),
            ("record_size", UInt16(24)))]);
    }

    private static byte[] Names(string name) => Map(("en", Text(name)), ("fr", Text(name)));

    private static byte[] Text(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return [.. Control(2, bytes.Length), .. bytes];
    }

    private static byte[] Map(params (string Key, byte[] Value)[] entries) =>
        [.. Control(7, entries.Length), .. entries.SelectMany(e => Text(e.Key).Concat(e.Value))];

    private static byte[] Array(params byte[][] items) => [.. Extended(11, items.Length), .. items.SelectMany(i => i)];

    private static byte[] UInt16(ushort value) => Unsigned(5, value);

    private static byte[] UInt32(uint value) => Unsigned(6, value);

    private static byte[] UInt64(ulong value)
    {
        var bytes = BigEndian(value);
        return [.. Extended(9, bytes.Length), .. bytes];
    }

    private static byte[] Unsigned(int type, ulong value)
    {
        var bytes = BigEndian(value);
        return [.. Control(type, bytes.Length), .. bytes];
    }

    private static byte[] BigEndian(ulong value)
    {
        var bytes = BitConverter.GetBytes(value).Reverse().SkipWhile(b => b == 0).ToArray();
        return bytes;
    }

    /// <summary>A control byte: the type in the top three bits, the size (under 29) in the low five.</summary>
    private static byte[] Control(int type, int size) =>
        size < 29 ? [(byte)((type << 5) | size)] : throw new ArgumentOutOfRangeException(nameof(size));

    /// <summary>Types above 7 are written as type 0 followed by a byte holding type − 7.</summary>
    private static byte[] Extended(int type, int size) =>
        size < 29 ? [(byte)size, (byte)(type - 7)] : throw new ArgumentOutOfRangeException(nameof(size));
}
