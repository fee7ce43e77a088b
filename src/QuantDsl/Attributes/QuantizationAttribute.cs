namespace QuantDsl;

/// <summary>
/// Base of the QuantDsl policy attributes. A layer type carries at most one; the source generator reads
/// its arguments at compile time (the attribute is never inspected by reflection at run time).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public abstract class QuantizationAttribute : Attribute
{
    /// <summary>Only QuantDsl's own policies derive from this type.</summary>
    private protected QuantizationAttribute()
    {
    }
}
