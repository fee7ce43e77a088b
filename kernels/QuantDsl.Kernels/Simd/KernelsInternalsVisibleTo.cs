using System.Runtime.CompilerServices;

// The tests force each SIMD path of the CPU kernels (Int8GemmCpu.ForcedPath) so that all of them are checked on one machine.
[assembly: InternalsVisibleTo("QuantDsl.Tests")]
