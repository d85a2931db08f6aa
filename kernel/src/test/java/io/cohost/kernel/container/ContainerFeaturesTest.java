package io.cohost.kernel.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.kernel.config.AppDescriptor;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.ee10.webapp.Configuration;
import org.eclipse.jetty.ee10.webapp.JspConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tenants share Jetty's stateless configurations; only the app's descriptor is its own. */
class ContainerFeaturesTest {

    @ParameterizedTest(name = "jsp: {0}")
    @ValueSource(booleans = {true, false})
    void twoTenantsShareEveryConfigurationButTheirDescriptors(boolean jsp) {
        List<Configuration> shop = Arrays.asList(ContainerFeatures.configurations("shop", AppDescriptor.empty(), jsp));
        List<Configuration> blog = Arrays.asList(ContainerFeatures.configurations("blog", AppDescriptor.empty(), jsp));

        assertThat(shop).hasSameSizeAs(blog);
        for (int i = 0; i < shop.size(); i++) {
            if (shop.get(i) instanceof DescriptorConfiguration) {
                assertThat(blog.get(i)).isInstanceOf(DescriptorConfiguration.class).isNotSameAs(shop.get(i));
            } else {
                assertThat(blog.get(i)).as(shop.get(i).getClass().getSimpleName()).isSameAs(shop.get(i));
            }
        }
        assertThat(shop).filteredOn(c -> c instanceof DescriptorConfiguration).hasSize(1);
    }

    @ParameterizedTest(name = "jsp: {0}")
    @ValueSource(booleans = {true, false})
    void onlyAnAppThatMayUseJspGetsTheJspConfiguration(boolean jsp) {
        List<Configuration> all = Arrays.asList(ContainerFeatures.configurations("shop", AppDescriptor.empty(), jsp));

        assertThat(all.stream().anyMatch(c -> c instanceof JspConfiguration)).isEqualTo(jsp);
        assertThat(all.stream().anyMatch(c -> c instanceof JspFreeConfiguration)).isEqualTo(!jsp);
    }
}
