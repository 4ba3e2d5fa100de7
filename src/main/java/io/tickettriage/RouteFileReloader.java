package io.tickettriage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.RouteWatcherReloadStrategy;

/**
 * Live reload of the route files under one directory: Camel's route watcher, with each file of the running routes
 * loaded once. Camel 4.18.0 hands the watcher a file once per route it holds (CAMEL-24866), so that saving a Kamelet
 * or {@code routes/desks/freshdesk.yaml} loaded {@code routes/triage.yaml}, with its three routes, three times and
 * the reload failed on a duplicate route id. Passing every file of the running routes along with the saved ones, each
 * once, leaves the watcher none to add again.
 */
final class RouteFileReloader extends RouteWatcherReloadStrategy {

    RouteFileReloader(String directory) {
        super(directory, true);
        // Camel matches the file name only: routes, desks and Kamelets alike.
        setPattern("*.yaml");
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        if (resources == null) {
            super.onRouteReload(null, removeEverything);
            return;
        }
        Map<Path, Resource> byFile = new LinkedHashMap<>();
        resources.forEach(resource -> byFile.putIfAbsent(file(resource), resource));
        getCamelContext().getRoutes().stream().map(Route::getSourceResource).filter(Objects::nonNull)
                .forEach(resource -> byFile.putIfAbsent(file(resource), resource));
        super.onRouteReload(new ArrayList<>(byFile.values()), removeEverything);
    }

    /** The same file whether its location is relative, absolute or carries the {@code file:} scheme. */
    private static Path file(Resource resource) {
        String location = resource.getLocation();
        return Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location)
                .toAbsolutePath().normalize();
    }
}
