namespace QuantDsl.Kernels.Gemv;

/// <summary>A lane's device addresses of its eight weight rows' vectors at its first K block (<see cref="SkinnyMmaLoop"/>).</summary>
internal struct SkinnyRowAddresses
{
    public long Row0;
    public long Row1;
    public long Row2;
    public long Row3;
    public long Row4;
    public long Row5;
    public long Row6;
    public long Row7;
}
