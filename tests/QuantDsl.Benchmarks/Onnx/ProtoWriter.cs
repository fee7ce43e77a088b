using System.Text;

namespace QuantDsl.Benchmarks.Onnx;

/// <summary>
/// The few protobuf wire-format writes an ONNX model needs: varints, length-delimited fields (strings,
/// bytes, nested messages) and packed int64s. Nested messages are built in their own writer and copied in.
/// </summary>
internal sealed class ProtoWriter
{
    private const int VarintWireType = 0;
    private const int LengthDelimitedWireType = 2;

    private readonly MemoryStream stream = new();

    public void WriteInt64(int field, long value)
    {
        WriteTag(field, VarintWireType);
        WriteVarint((ulong)value);
    }

    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    public void WriteMessage(int field, ProtoWriter message) => WriteBytes(field, message.ToArray());

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, LengthDelimitedWireType);
        WriteVarint((ulong)value.Length);
        stream.Write(value);
    }

    public byte[] ToArray() => stream.ToArray();

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }
}
