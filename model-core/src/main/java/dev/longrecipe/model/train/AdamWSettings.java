package dev.longrecipe.model.train;

/**
 * AdamW hyper-parameters (Loshchilov and Hutter), with PyTorch's defaults as the paper's (β 0.9/0.999, eps 1e-8)
 * except weight decay, which the run spec sets (the paper uses 0.1).
 */
public record AdamWSettings(double beta1, double beta2, double eps, double weightDecay) {
    public AdamWSettings {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("AdamW betas must be in [0, 1) but were " + beta1 + ", " + beta2);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("AdamW eps must be positive but was " + eps);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("AdamW weight decay must be >= 0 but was " + weightDecay);
        }
    }

    public static AdamWSettings withWeightDecay(double weightDecay) {
        return new AdamWSettings(0.9, 0.999, 1e-8, weightDecay);
    }
}
