using BenchmarkDotNet.Attributes;

namespace Fluxion.Benchmarks;

/// <summary>
/// Issue 5: one SGD training step of a 784-256-256-10 tanh perceptron on a batch of 256 in float32 (forward,
/// cross-entropy from logits, backward, in-place update), with the forward pass alone and forward + backward
/// alone, to see where the time goes, on each matrix-product backend (Automatic is OpenBLAS where it is installed).
/// The peer is benchmarks/peer/mlp_torch.py (the same step in PyTorch).
/// </summary>
[BenchmarkCategory("TrainingStep")]
[MemoryDiagnoser]
public class TrainingStep
{
    const int Batch = 256;
    MultilayerPerceptron<float> net = null!;
    Sgd<float> sgd = null!;
    Tensor<float> x = null!;
    int[] labels = null!;

    /// <summary>The matrix-product backend for the whole run.</summary>
    [Params(MatMulBackend.Automatic, MatMulBackend.Managed)]
    public MatMulBackend Backend { get; set; }

    /// <summary>Seeded Xavier-uniform network (zero biases), standard normal inputs, uniform random labels.</summary>
    [GlobalSetup]
    public void Setup()
    {
        MatMul.Backend = Backend;
        var random = new Random(5);
        net = new MultilayerPerceptron<float>(new[] { 784, 256, 256, 10 }, Activation.Tanh, random, Initialization.XavierUniform);
        sgd = new Sgd<float>(net.Parameters, learningRate: 0.01, momentum: 0.9);
        x = Tensor.RandomNormal<float>(random, Batch, 784);
        labels = Enumerable.Range(0, Batch).Select(_ => random.Next(10)).ToArray();
    }

    /// <summary>Restores the default backend.</summary>
    [GlobalCleanup]
    public void Cleanup() => MatMul.Backend = MatMulBackend.Automatic;

    /// <summary>Forward pass without recording (inference).</summary>
    [Benchmark]
    public float Forward()
    {
        using var scope = Tensor.NoGrad();
        return Tensor.CrossEntropy(net.Forward(x), labels).ToScalar();
    }

    /// <summary>Forward pass recorded, then the gradients of the loss (no update).</summary>
    [Benchmark]
    public Tensor<float>[] ForwardBackward() => net.Parameters.Gradients(Tensor.CrossEntropy(net.Forward(x), labels));

    /// <summary>The whole step: forward, cross-entropy, backward, SGD with momentum in place.</summary>
    [Benchmark(Baseline = true)]
    public float SgdStep()
    {
        var loss = Tensor.CrossEntropy(net.Forward(x), labels);
        sgd.Step(loss);
        return loss.ToScalar();
    }

    /// <summary>The same step inside a tensor scope, as a training loop writes it: the step's buffers go back to the
    /// pool at the end and the next step reuses them (issue 9: allocation per step).</summary>
    [Benchmark]
    public float SgdStepScoped()
    {
        using var scope = Tensor.Scope();
        var loss = Tensor.CrossEntropy(net.Forward(x), labels);
        sgd.Step(loss);
        return loss.ToScalar();
    }
}
