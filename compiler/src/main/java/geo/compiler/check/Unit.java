package geo.compiler.check;

import geo.compiler.ast.Decl;
import geo.compiler.ast.GeoFile;
import java.util.List;

/**
 * One parsed file and the files its imports resolved to. The driver hands the checker the units
 * of a program with every imported unit before its importers.
 *
 * @param file    the parsed file
 * @param imports its import declarations with the file each resolved to (imports that failed
 *                to load, or that would close a cycle, are left out: they were reported already)
 */
public record Unit(GeoFile file, List<Imported> imports) {

    public Unit {
        imports = List.copyOf(imports);
    }

    /** An import declaration and the file it brought in. */
    public record Imported(Decl.Import decl, GeoFile target) {
    }
}
