namespace Puma.Testing;

/// <summary>
/// Writes a tiny copy of the eight PUMA benchmark datasets in their official file formats under one root: the text
/// annotation files written here, the .mat files copied from <c>Fixtures/mat</c> (made by scipy.io.savemat, see
/// <c>scripts/make_mat_fixtures.py</c>), every listed image as an empty file. The expected counts of each split are
/// spelled out beside each dataset.
/// </summary>
internal static class TinyBenchmarkTree
{
    public const string Cub = "CUB_200_2011";
    public const string Cars = "cars196";
    public const string Sop = "Stanford_Online_Products";
    public const string InShop = "Inshop_Clothes";
    public const string NABirds = "nabirds";
    public const string Dogs = "dogs";
    public const string Flowers = "flowers";
    public const string Aircraft = "fgvc-aircraft-2013b";

    /// <summary>Images of the scipy-made Stanford Dogs lists, labels 1,1,2,3,4,4.</summary>
    public static readonly string[] DogFiles =
    [
        "n02085620-Chihuahua/n02085620_10074.jpg",
        "n02085620-Chihuahua/n02085620_10131.jpg",
        "n02085782-Japanese_spaniel/n02085782_1039.jpg",
        "n02085936-Maltese_dog/n02085936_10073.jpg",
        "n02086079-Pekinese/n02086079_10059.jpg",
        "n02086079-Pekinese/n02086079_10110.jpg",
    ];

    public static string MatFixture(string file) => Path.Combine(Fixtures.Directory, "mat", file);

    /// <summary>Writes all eight datasets under <paramref name="root"/>.</summary>
    public static void WriteAll(string root)
    {
        WriteCub(Path.Combine(root, Cub));
        WriteCars(Path.Combine(root, Cars));
        WriteSop(Path.Combine(root, Sop));
        WriteInShop(Path.Combine(root, InShop));
        WriteNABirds(Path.Combine(root, NABirds));
        WriteDogs(Path.Combine(root, Dogs));
        WriteFlowers(Path.Combine(root, Flowers));
        WriteAircraft(Path.Combine(root, Aircraft));
    }

    /// <summary>4 classes; train = classes 1-2 (3 images), test = classes 3-4 (3 images).</summary>
    public static void WriteCub(string folder)
    {
        Text(folder, "classes.txt",
            "1 001.Black_footed_Albatross", "2 002.Laysan_Albatross", "3 003.Sooty_Albatross", "4 004.Groove_billed_Ani");
        string[] images =
        [
            "1 001.Black_footed_Albatross/Black_Footed_Albatross_0046_18.jpg",
            "2 001.Black_footed_Albatross/Black_Footed_Albatross_0009_34.jpg",
            "3 002.Laysan_Albatross/Laysan_Albatross_0002_1027.jpg",
            "5 004.Groove_billed_Ani/Groove_Billed_Ani_0002_1670.jpg",
            "4 003.Sooty_Albatross/Sooty_Albatross_0031_1066.jpg",
            "6 004.Groove_billed_Ani/Groove_Billed_Ani_0003_1031.jpg",
        ];
        Text(folder, "images.txt", images);
        Text(folder, "image_class_labels.txt", "1 1", "2 1", "3 2", "4 3", "5 4", "6 4");
        foreach (string line in images)
        {
            Touch(folder, "images", line.Split(' ')[1]);
        }
    }

    /// <summary>cars_annos.mat: 4 classes, images 1-6 of classes 1,1,2,3,4,4; train 2 classes / 3 images, test 2 / 3.</summary>
    public static void WriteCars(string folder)
    {
        Copy("cars_annos.mat", folder);
        for (int i = 1; i <= 6; i++)
        {
            Touch(folder, "car_ims", $"{i:D6}.jpg");
        }
    }

    /// <summary>The devkit layout: train images of classes 1,3,4 and test images of classes 2,4; train 2 classes / 2 images, test 2 / 3.</summary>
    public static void WriteCarsDevkit(string folder)
    {
        Copy("cars_meta.mat", Path.Combine(folder, "devkit"));
        Copy("cars_train_annos.mat", Path.Combine(folder, "devkit"));
        Copy("cars_test_annos_withlabels.mat", folder);
        for (int i = 1; i <= 3; i++)
        {
            Touch(folder, "cars_train", $"{i:D5}.jpg");
        }
        for (int i = 1; i <= 2; i++)
        {
            Touch(folder, "cars_test", $"{i:D5}.jpg");
        }
    }

    /// <summary>Train: classes 1,2,3 (4 images); test: classes 4,5 (3 images).</summary>
    public static void WriteSop(string folder)
    {
        string[] train =
        [
            "1 1 1 bicycle_final/111085122871_0.JPG",
            "2 1 1 bicycle_final/111085122871_1.JPG",
            "3 2 1 bicycle_final/111265328556_0.JPG",
            "4 3 2 cabinet_final/110832357616_0.JPG",
        ];
        string[] test =
        [
            "5 4 1 bicycle_final/251952414262_0.JPG",
            "6 4 1 bicycle_final/251952414262_1.JPG",
            "7 5 3 chair_final/111083486082_0.JPG",
        ];
        Text(folder, "Ebay_train.txt", ["image_id class_id super_class_id path", .. train]);
        Text(folder, "Ebay_test.txt", ["image_id class_id super_class_id path", .. test]);
        foreach (string line in train.Concat(test))
        {
            Touch(folder, line.Split(' ')[3]);
        }
    }

    /// <summary>Train: 2 items / 3 images; query: 2 images, gallery: 2 images, both over the 2 test items.</summary>
    public static void WriteInShop(string folder)
    {
        string[] rows =
        [
            "img/WOMEN/Dresses/id_00000080/02_1_front.jpg   id_00000080 train",
            "img/WOMEN/Dresses/id_00000002/02_1_front.jpg   id_00000002 train",
            "img/WOMEN/Dresses/id_00000002/02_2_side.jpg    id_00000002 train",
            "img/WOMEN/Skirts/id_00000010/01_1_front.jpg    id_00000010 query",
            "img/WOMEN/Skirts/id_00000010/01_2_side.jpg     id_00000010 gallery",
            "img/MEN/Shirts_Polos/id_00000007/01_1_front.jpg id_00000007 query",
            "img/MEN/Shirts_Polos/id_00000007/01_3_back.jpg  id_00000007 gallery",
        ];
        Text(Path.Combine(folder, "Eval"), "list_eval_partition.txt", ["7", "image_name item_id evaluation_status", .. rows]);
        foreach (string row in rows)
        {
            Touch(folder, "Img", row.Split(' ')[0]);
        }
    }

    /// <summary>Used class ids 65, 313, 400, 998, 1010 (plus hierarchy nodes): train = 65, 313, 400 (4 images), test = 998, 1010 (2 images).</summary>
    public static void WriteNABirds(string folder)
    {
        Text(folder, "classes.txt",
            "0 Birds", "1 Perching Birds", "65 Snow Goose", "313 Black-bellied Whistling-Duck",
            "400 Wood Duck", "998 Cedar Waxwing", "1010 Yellow-rumped Warbler (Myrtle)");
        (string Id, string Path, int Class)[] images =
        [
            ("0000139e-21dc-4d0c-bfe1-4cae3c85c829", "0998/0000139e21dc4d0cbfe14cae3c85c829.jpg", 998),
            ("0000d9fc-4e02-4c06-a0af-a55cfb16b12b", "0313/0000d9fc4e024c06a0afa55cfb16b12b.jpg", 313),
            ("00019306-9d83-4334-b255-a447742edce3", "1010/000193069d834334b255a447742edce3.jpg", 1010),
            ("0001afd4-99a1-4a67-b940-d419413e23b3", "0065/0001afd499a14a67b940d419413e23b3.jpg", 65),
            ("000332b8-997c-4540-9647-2f0a8495aecf", "0400/000332b8997c454096472f0a8495aecf.jpg", 400),
            ("000343bd-5215-49ba-ab9c-7c97a70ac1a5", "0065/000343bd521549baab9c7c97a70ac1a5.jpg", 65),
        ];
        Text(folder, "images.txt", images.Select(i => $"{i.Id} {i.Path}").ToArray());
        Text(folder, "image_class_labels.txt", images.Select(i => $"{i.Id} {i.Class}").ToArray());
        foreach (var image in images)
        {
            Touch(folder, "images", image.Path);
        }
    }

    /// <summary>file_list.mat: 4 breeds; train = breeds 1-2 (3 images), test = breeds 3-4 (3 images).</summary>
    public static void WriteDogs(string folder, bool splitLists = false)
    {
        if (splitLists)
        {
            Copy("train_list.mat", Path.Combine(folder, "lists"));
            Copy("test_list.mat", Path.Combine(folder, "lists"));
        }
        else
        {
            Copy("file_list.mat", folder);
        }
        foreach (string file in DogFiles)
        {
            Touch(folder, "Images", file);
        }
    }

    /// <summary>9 images, labels 1,1,2,3,4,5,5,2,4 (5 classes): train = classes 1-3 (5 images), test = classes 4-5 (4 images).</summary>
    public static void WriteFlowers(string folder)
    {
        Copy("imagelabels.mat", folder);
        Copy("setid.mat", folder);
        for (int i = 1; i <= 9; i++)
        {
            Touch(folder, "jpg", $"image_{i:D5}.jpg");
        }
    }

    /// <summary>
    /// 4 variants; PUMA's order is 707-320, BAE-125, BAE 146-200, Cessna 172 (spaces read as '_'), so train = 707-320 and
    /// BAE-125 (4 images), test = BAE 146-200 and Cessna 172 (2 images).
    /// </summary>
    public static void WriteAircraft(string folder, bool trainval = false)
    {
        string data = Path.Combine(folder, "data");
        Text(data, "variants.txt", "707-320", "BAE 146-200", "BAE-125", "Cessna 172");
        string[] train = ["1025794 707-320", "1340192 BAE 146-200"];
        string[] val = ["0056978 BAE-125", "0062765 Cessna 172"];
        string[] test = ["1701234 707-320", "0123456 BAE-125"];
        if (trainval)
        {
            Text(data, "images_variant_trainval.txt", [.. train, .. val]);
        }
        else
        {
            Text(data, "images_variant_train.txt", train);
            Text(data, "images_variant_val.txt", val);
        }
        Text(data, "images_variant_test.txt", test);
        foreach (string line in train.Concat(val).Concat(test))
        {
            Touch(data, "images", line.Split(' ')[0] + ".jpg");
        }
    }

    public static void Text(string folder, string file, params string[] lines)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, file), string.Join("\n", lines) + "\n");
    }

    public static void Touch(string folder, params string[] relative)
    {
        string path = Path.Combine([folder, .. relative]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
    }

    private static void Copy(string fixture, string folder)
    {
        Directory.CreateDirectory(folder);
        File.Copy(MatFixture(fixture), Path.Combine(folder, fixture));
    }
}
