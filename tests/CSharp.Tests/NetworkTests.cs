using Fluxion;
using Xunit;

namespace Fluxion.CSharp.Tests;

/// <summary>Networks from C#: build, train and fit a perceptron with classes, arrays and lambdas only.</summary>
public class NetworkTests
{
    // Two Gaussian blobs (standard deviation 1) at (−2, −2) and (2, 2); labels ±1.
    static (Tensor<float> Points, Tensor<float> Labels, float[] Signs) Blobs(Random random, int count)
    {
        var noise = Tensor.RandomNormal<float>(random, count, 2).ToArray();
        var points = new float[2 * count];
        var signs = new float[count];
        for (int i = 0; i < count; i++)
        {
            signs[i] = i % 2 == 0 ? 1f : -1f;
            points[2 * i] = 2f * signs[i] + noise[2 * i];
            points[2 * i + 1] = 2f * signs[i] + noise[2 * i + 1];
        }
        return (Tensor.FromArray(points, count, 2), Tensor.FromArray(signs, count, 1), signs);
    }

    // The logistic loss mean(softplus(−y·z)) of logits z for labels y = ±1.
    static Tensor<float> LogisticLoss(Tensor<float> logits, Tensor<float> labels)
        => Tensor.Mean(Tensor.Softplus(-(logits * labels)));

    [Fact]
    public void APerceptronTrainedWithSgdClassifiesTwoBlobs()
    {
        var random = new Random(21);
        var (x, y, _) = Blobs(random, 200);
        var (xTest, _, signsTest) = Blobs(random, 200);
        var net = new MultilayerPerceptron<float>(new[] { 2, 8, 1 }, Activation.Tanh, random);
        var sgd = new Sgd<float>(net.Parameters, learningRate: 0.2, momentum: 0.9);
        for (int step = 0; step < 60; step++)
            sgd.Step(LogisticLoss(net.Forward(x), y));

        float[] logits;
        using (Tensor.NoGrad())
            logits = net.Forward(xTest).ToArray();
        int correct = 0;
        for (int i = 0; i < logits.Length; i++)
            if (Math.Sign(logits[i]) == Math.Sign(signsTest[i])) correct++;
        // The Bayes accuracy of these blobs is Φ(2√2) ≈ 99.8%.
        Assert.True(correct >= 0.97 * logits.Length, $"test accuracy {correct}/{logits.Length}");
        Assert.Equal(60, sgd.StepCount);
    }

    [Fact]
    public void ParametersFlattenAndLbfgsFitsALine()
    {
        var layer = new Linear<double>(1, 1, new Random(3));
        Assert.Equal(2, layer.Parameters.ElementCount);
        var x = Tensor.FromArray(new[] { -1.0, 0.0, 1.0, 2.0 }, 4, 1);
        var y = Tensor.FromArray(new[] { -2.5, 0.5, 3.5, 6.5 }, 4, 1); // y = 3x + 0.5
        var fit = Lbfgs.Minimize(layer.Parameters,
            () => Tensor.Mean(Tensor.Square(layer.Forward(x) - y)), gradientTolerance: 1e-12, maximumIterations: 100);
        Assert.True(fit.Loss < 1e-20, $"loss {fit.Loss}");
        double[] flat = layer.Parameters.ToFlatArray();
        Assert.Equal(3.0, flat[0], 9);
        Assert.Equal(0.5, flat[1], 9);
    }

    [Fact]
    public void AdamStepsThroughTheOptimizerInterface()
    {
        var p = Tensor.Parameter(Tensor.FromArray(new[] { 1.0, -1.0 }));
        IOptimizer<double> adam = new Adam<double>(new ParameterCollection<double>(new[] { p }), learningRate: 0.1);
        adam.Step(Tensor.Sum(Tensor.Square(p)));
        // The first Adam step moves every parameter by the learning rate against its gradient's sign (m̂/√v̂ = ±1).
        Assert.Equal(0.9, p[0], 6);
        Assert.Equal(-0.9, p[1], 6);
        Assert.Throws<ArgumentException>(() => adam.Step(new[] { Tensor.Zeros<double>(3) }));
    }
}
