package dev.shipshape.model.patch;

/**
 * Why one patch could not be applied to its object; turned into a spec problem at the patch.
 */
final class PatchFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fix;

    /**
     * @param path    the JSON Pointer in the object the failure is about ({@code ""} for the object)
     * @param message what is wrong, without the object's name
     * @param fix     how to fix it
     */
    PatchFailure(String path, String message, String fix) {
        super(path.isEmpty() ? message : message + " (at " + path + ")");
        this.fix = fix;
    }

    /** How to fix it. */
    String fix() {
        return fix;
    }
}
