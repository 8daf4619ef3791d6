package io.drip.demo.shop;

import java.util.List;

/** Where shoppers live: the region of their number, their time zones and first names. */
record Country(String region, int weight, List<String> zones, List<String> firstNames) {

    /** The store's markets. Weights: how many shoppers of each, relative to the others. */
    static final List<Country> ALL = List.of(
            new Country("NL", 20, List.of("Europe/Amsterdam"), List.of("Daan", "Emma", "Sem", "Julia", "Lucas", "Mila")),
            new Country("DE", 20, List.of("Europe/Berlin"), List.of("Lukas", "Mia", "Leon", "Hannah", "Finn", "Lea")),
            new Country("FR", 15, List.of("Europe/Paris"), List.of("Louis", "Jade", "Gabriel", "Louise", "Hugo", "Alice")),
            new Country("GB", 15, List.of("Europe/London"), List.of("Oliver", "Olivia", "George", "Amelia", "Harry", "Isla")),
            new Country("US", 20, List.of("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
                    List.of("Liam", "Ava", "Noah", "Sophia", "James", "Mia")),
            new Country("AU", 10, List.of("Australia/Sydney", "Australia/Perth"),
                    List.of("Jack", "Charlotte", "William", "Matilda", "Oscar", "Ruby")));
}
