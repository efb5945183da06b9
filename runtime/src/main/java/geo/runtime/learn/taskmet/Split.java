package geo.runtime.learn.taskmet;

/** The training, validation and test instances of one problem and seed. */
public record Split(Instances train, Instances validation, Instances test) {
}
