<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CategoryTableModel</name>
    <message numerus="yes">
        <source>%n example photo(s)</source>
        <translation>
            <numerusform>%n example photo</numerusform>
            <numerusform>%n example photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CheckView</name>
    <message numerus="yes">
        <source>{photo} (and %n more selected)</source>
        <translation>
            <numerusform>{photo} (and %n more selected)</numerusform>
            <numerusform>{photo} (and %n more selected)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoActions</name>
    <message numerus="yes">
        <source>Move %n photo(s) to {category}</source>
        <translation>
            <numerusform>Move %n photo to {category}</numerusform>
            <numerusform>Move %n photos to {category}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n photo(s)</source>
        <translation>
            <numerusform>Remove %n photo</numerusform>
            <numerusform>Remove %n photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) could not be moved: {reason}.</source>
        <translation>
            <numerusform>%n photo could not be moved: {reason}.</numerusform>
            <numerusform>%n photos could not be moved: {reason}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotosPage</name>
    <message numerus="yes">
        <source>%Ln file(s) were skipped and will not be used: see &apos;Skipped files&apos;.</source>
        <translation>
            <numerusform>%Ln file was skipped and will not be used: see &apos;Skipped files&apos;.</numerusform>
            <numerusform>%Ln files were skipped and will not be used: see &apos;Skipped files&apos;.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln line(s).</source>
        <translation>
            <numerusform>Copied %Ln line.</numerusform>
            <numerusform>Copied %Ln lines.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln photo</numerusform>
            <numerusform>%Ln photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n category(ies)</source>
        <translation>
            <numerusform>%n category</numerusform>
            <numerusform>%n categories</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SortPhotosView</name>
    <message numerus="yes">
        <source>Label %n photo(s) {category}</source>
        <translation>
            <numerusform>Label %n photo {category}</numerusform>
            <numerusform>Label %n photos {category}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accept %n suggestion(s) above {level}%</source>
        <translation>
            <numerusform>Accept %n suggestion above {level}%</numerusform>
            <numerusform>Accept %n suggestions above {level}%</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) could not be moved ({name}: {reason}); they stay where they are.</source>
        <translation>
            <numerusform>%n photo could not be moved ({name}: {reason}); it stays where it is.</numerusform>
            <numerusform>%n photos could not be moved ({name}: {reason}); they stay where they are.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Suggestions for %n photo(s), learned from {labelled} labelled: {sure} are at least {level}% sure.</source>
        <translation>
            <numerusform>Suggestions for %n photo, learned from {labelled} labelled: {sure} are at least {level}% sure.</numerusform>
            <numerusform>Suggestions for %n photos, learned from {labelled} labelled: {sure} are at least {level}% sure.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) could not be read.</source>
        <translation>
            <numerusform>%n photo could not be read.</numerusform>
            <numerusform>%n photos could not be read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Selected the %n photo(s) the model is least sure about: label them (click a category or press its number).</source>
        <translation>
            <numerusform>Selected the %n photo the model is least sure about: label it (click a category or press its number).</numerusform>
            <numerusform>Selected the %n photos the model is least sure about: label them (click a category or press its number).</numerusform>
        </translation>
    </message>
</context>
</TS>
